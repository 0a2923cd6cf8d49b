"""Reads of the plans' tasks: where each stands against its deadlines, and the overdue ones by lead agency."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from .. import rules
from ..models import Task, TaskUpdate
from .plans import plans


@dataclass
class TaskState:
    """A task against its deadlines up to `today`: the earliest one not done that has passed (overdue), else the
    next one; the latest update for that deadline."""

    task: Task
    due_on: datetime.date | None = None
    update: TaskUpdate | None = None
    days_late: int | None = None
    history: list[TaskUpdate] = field(default_factory=list)

    @property
    def status(self) -> str | None:
        return self.update.status if self.update else None


def task_dues(task: Task, today: datetime.date) -> list[datetime.date]:
    """The task's deadlines from its plan's year to next year (a task whose timeline names no time: none)."""
    return rules.task_dues(task.timeline, first_year=task.plan.issued_on.year, last_year=today.year + 1)


def states_of(tasks: list[Task], today: datetime.date) -> list[TaskState]:
    updates: dict[int, list[TaskUpdate]] = {}
    for update in TaskUpdate.objects.filter(task__in=[t.pk for t in tasks]).order_by("-created_at", "-pk"):
        updates.setdefault(update.task_id, []).append(update)
    states = []
    for task in tasks:
        history = updates.get(task.pk, [])
        latest: dict[datetime.date, TaskUpdate] = {}
        for update in history:  # newest first: the first seen for a deadline is its latest
            latest.setdefault(update.due_on, update)
        dues = task_dues(task, today)
        done = {d for d, u in latest.items() if u.status == TaskUpdate.Status.DONE}
        late = [d for d in dues if d < today and d not in done]
        state = TaskState(task, history=history)
        if late:
            state.due_on, state.days_late = late[0], (today - late[0]).days
        else:
            state.due_on = next((d for d in dues if d >= today), None)
        state.update = latest.get(state.due_on) if state.due_on else (history[0] if history else None)
        states.append(state)
    return states


def task_states(*, plan, today: datetime.date) -> list[TaskState]:
    return states_of(list(plan.tasks.select_related("plan").order_by("position")), today)


def task_state(*, task: Task, today: datetime.date) -> TaskState:
    return states_of([task], today)[0]


def access_task(user, plan, position: int, action: str = "view") -> Task:
    from django.http import Http404

    task = Task.objects.visible_to(user, action).select_related("plan").filter(plan=plan, position=position).first()
    if task is None:
        raise Http404("Không tìm thấy.")
    return task


def overdue_by_agency(*, user, today: datetime.date) -> list[tuple[str, list[TaskState]]]:
    """The tasks of the user's province's plans with a deadline passed and not done, by lead agency (as the plan
    names it), the agency with the most first."""
    tasks = list(Task.objects.filter(plan__in=plans(user=user).values("pk")).select_related("plan")
                 .order_by("plan__issued_on", "position"))
    grouped: dict[str, list[TaskState]] = {}
    for state in states_of(tasks, today):
        if state.days_late:
            grouped.setdefault(state.task.lead or "(chưa ghi cơ quan chủ trì)", []).append(state)
    return sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0]))


def evidence_of(user, pk: int) -> Any:
    from ansinh.core.access import get_visible_or_404

    return get_visible_or_404(TaskUpdate.objects.visible_to(user).exclude(evidence=""), pk=pk)

"""Background tasks of the payments app (django-tasks; `ansinh worker` runs them)."""

from django_tasks import task


@task()
def payroll_task(run_id: int) -> int:
    from .services import payroll_execute

    return payroll_execute(run_id=run_id).lines_created

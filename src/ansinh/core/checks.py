"""Start-up checks of access: every model with a commune declares its scope, every URL declares who may
open it, and every capability asked for is one an app declared."""

from django.apps import apps
from django.core.checks import Error, Tags, register
from django.urls import URLPattern, URLResolver, get_resolver

from .access import ScopedQuerySet, declared_capabilities, scope_of
from .web import PUBLIC, SIGNED_IN


def _ours(model) -> bool:
    return model.__module__.startswith("ansinh.")


def model_errors(model) -> list[Error]:
    errors = []
    scope = scope_of(model)
    has_commune = any(f.name == "commune" and f.is_relation for f in model._meta.get_fields())
    if has_commune and scope is None:
        errors.append(Error(f"{model._meta.label} has a commune but declares no scope",
                            hint="Give the model `scope = Scope(view=…)` and `objects = ScopedQuerySet.as_manager()`.",
                            obj=model, id="ansinh.E001"))
    if scope is None:
        return errors
    if not isinstance(model._default_manager.all(), ScopedQuerySet):
        errors.append(Error(f"{model._meta.label} declares a scope but its manager has no visible_to()",
                            obj=model, id="ansinh.E002"))
    known = declared_capabilities()
    for capability in (scope.view, *scope.actions.values()):
        if capability not in known:
            errors.append(Error(f"{model._meta.label}: capability {capability!r} is declared by no app",
                                obj=model, id="ansinh.E003"))
    return errors


@register(Tags.models)
def models_declare_scope(app_configs=None, **kwargs) -> list[Error]:
    return [error for model in apps.get_models() if _ours(model) for error in model_errors(model)]


def url_access(callback) -> str | None:
    """What a URL's view asks of its user: a capability, PUBLIC or SIGNED_IN (None: it does not say)."""
    access = getattr(callback, "access", None)
    cls = getattr(callback, "cls", None)  # REST framework views
    if access is None and cls is not None:
        access = getattr(cls, "access", None) or getattr(cls, "capability", None)
    return access


def url_patterns(patterns=None, prefix: str = ""):
    """Every named URL: (name with its namespaces, pattern)."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            yield from url_patterns(p.url_patterns, prefix + (p.namespace + ":" if p.namespace else ""))
        elif isinstance(p, URLPattern):
            yield prefix + (p.name or str(p.pattern)), p


@register(Tags.urls, Tags.security)
def urls_declare_access(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    known = declared_capabilities()
    for name, pattern in url_patterns():
        access = url_access(pattern.callback)
        if access is None:
            errors.append(Error(f"URL {name!r} does not declare who may open it",
                                hint="Decorate its view with core.web.require(capability), signed_in or public.",
                                id="ansinh.E004"))
        elif access not in (PUBLIC, SIGNED_IN) and access not in known:
            errors.append(Error(f"URL {name!r} asks for capability {access!r}, declared by no app", id="ansinh.E005"))
    return errors

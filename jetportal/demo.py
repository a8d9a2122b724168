"""Helpers for loading demo content that never overwrites what staff have edited."""


def create_once(model, lookup, **values):
    """The object matching ``lookup``; created with ``values`` only if it does not exist yet.

    An existing object is returned untouched, so running the loader again after staff
    have edited the demo content changes nothing.
    """
    existing = model.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    obj = model(**lookup, **values)
    obj.save()
    return obj

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


def seed_if_empty(model, rows):
    """Create ``rows`` (dicts of field values) only if ``model`` has no objects at all.

    For content without a natural key (a list of qualities, say): once staff have
    edited, reordered or deleted any of it, the loader leaves the whole list alone.
    """
    if model.objects.exists():
        return
    for values in rows:
        model(**values).save()

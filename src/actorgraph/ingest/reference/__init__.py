"""Reference data shared by every source: the actor registry, CAMEO codes, countries and dates."""

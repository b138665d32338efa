"""The one stylesheet: class selectors, hidden kinds."""

from actorgraph.view.style import stylesheet


def test_stylesheet_uses_class_selectors_and_hides_kinds():
    rules = stylesheet(["meeting", "support", "not-a-kind"])
    hidden = [r["selector"] for r in rules if r["style"].get("display") == "none"]
    assert hidden == [".k-meeting", ".e-support"]
    assert not any(r["selector"].startswith("#") for r in rules)

"""Reading input files safely: bounded reads, bounded YAML, text fields and characters."""

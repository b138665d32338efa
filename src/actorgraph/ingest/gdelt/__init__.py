"""GDELT 2.0 event exports read and converted into records."""

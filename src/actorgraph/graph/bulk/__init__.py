"""The bulk path for backfills (`actorgraph import-gdelt --bulk`): the whole graph built in
memory from the writer's batch plans (model.py, derived.py), written as neo4j-admin import
CSV files (csv_files.py) and loaded into the local server's empty store (load.py)."""

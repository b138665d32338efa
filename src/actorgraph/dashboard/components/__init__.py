"""Parts of the explorer page: the details panel, the map, the export panel and evidence."""

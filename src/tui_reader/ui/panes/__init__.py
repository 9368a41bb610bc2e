"""The panes of the browse screen: cities, categories, the article list, the article."""

"""Loading YAML content files (knowledge, rules) with problems that name file, line and field."""

from bot.content.problems import ContentError, ContentProblem
from bot.content.yamlfile import LineDict, load_yaml, problems_from_validation

__all__ = ["ContentError", "ContentProblem", "LineDict", "load_yaml", "problems_from_validation"]

"""The employee profile: fields, vocabularies, validation with Indonesian messages, loading."""

from bot.profile.model import Profile, ProfileError, ProfileProblem, parse_profile

__all__ = ["Profile", "ProfileError", "ProfileProblem", "parse_profile"]

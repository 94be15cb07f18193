"""The conversation core: transport-agnostic, shared by Telegram, the console and the tests."""

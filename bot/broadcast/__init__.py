"""Announcements from HR: audiences, durable delivery rows, pacing and the sender."""

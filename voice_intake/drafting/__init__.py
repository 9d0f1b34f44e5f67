"""Text to a draft app definition (Chinese or English), without an LLM: readers of statements, then assembly."""

from voice_intake.drafting.pipeline import DraftResult, draft_app
from voice_intake.drafting.report_text import render_report
from voice_intake.drafting.templates import TemplateCandidate, TemplateMatch, pick_template

__all__ = ["DraftResult", "TemplateCandidate", "TemplateMatch", "draft_app", "pick_template", "render_report"]

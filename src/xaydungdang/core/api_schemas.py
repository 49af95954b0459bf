"""Schemas every API router shares: one definition each, since the OpenAPI document names schemas
by class name and two different "ErrorOut" classes would overwrite each other there."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema


class ErrorOut(Schema):
    detail: str = Field(description="Why the request was refused (401 not logged in, 403 missing capability, "
                                    "404 unknown or outside the caller's scope).")


class RefusalOut(Schema):
    detail: list[str] = Field(description="Each rule the request breaks, named in the message. Nothing was written.")


class InvalidRequestOut(Schema):
    detail: list[dict[str, Any]] = Field(description="Malformed parameters or body: `loc`, `msg` and `type` of each "
                                                     "problem.")

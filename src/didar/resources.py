"""Heavy resources, built once and passed to every stage (never module globals)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from didar.actors.dictionary import ActorResources, load_actor_resources
from didar.dates.resources import DateResources, load_date_resources
from didar.events.resources import EventResources, load_event_resources
from didar.text.resources import TextResources, load_text_resources


@dataclass(frozen=True, slots=True)
class Resources:
    text: TextResources
    dates: DateResources
    actors: ActorResources
    events: EventResources


def load_resources(actor_dir: Path | None = None) -> Resources:
    """Load every data file of the package. `actor_dir` replaces the actor dictionary folder
    (the fictional-actor validation set uses this)."""
    events = load_event_resources()
    actors = load_actor_resources(actor_dir)
    # a speech verb ("وعلّق", "افزود") never belongs to a name discovered next to a role
    verbs = {w for key in ("fa", "ar", "honorific_fa") for w in events.speech[key].words}
    for key in ("name_stop_fa", "name_stop_ar"):
        actors.folded[key] = actors.folded[key] | verbs
    return Resources(
        text=load_text_resources(),
        dates=load_date_resources(),
        actors=actors,
        events=events,
    )

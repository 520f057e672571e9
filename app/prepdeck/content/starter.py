"""`prepdeck pack new DIR`: a small, commented pack that passes `pack check` as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from prepdeck.content.model import ID_PATTERN, json_schema

SCHEMA_FILE = "pack.schema.json"

PACK_YAML = """\
# yaml-language-server: $schema={schema}
# A prepdeck content pack. Check it with: prepdeck pack check {folder}
# Ids (the pack's and every item's) are how learners' progress is stored: never rename one.
# If you must, give the new item `replaces: [old-id]` so progress carries over.

format: 1

pack:
  id: {pack_id}
  title: {title}
  version: "0.1.0"          # quoted: an unquoted 0.1 would load as a number
  summary: What this pack teaches, in one sentence.
  language: en
  license: CC-BY-4.0
  authors:
    - name: Your Name
  requires_app: ">=0.1"
  tags: [example]
  welcome: |
    Read the first section, then review its cards.

# More YAML files can hold sections, cards, questions and drills:
# include: [cards/*.yaml]

sections:
  - id: first-steps
    title: First steps
    body_file: sections/first-steps.md

cards:
  - id: what-is-an-image
    type: basic
    section: first-steps
    front: What is a container image?
    back: A read-only stack of filesystem layers plus a config that says how to run it.
    tags: [basics]

  - id: image-layers-cloze
    type: cloze
    section: first-steps
    text: "Each {{{{c1::RUN, COPY or ADD}}}} instruction adds a {{{{c2::layer::what it adds}}}} to the image."

  - id: stop-signal
    type: choice
    section: first-steps
    prompt: Which signal does `docker stop` send first?
    options:
      - text: SIGTERM
        correct: true
        why: It asks the main process to shut down cleanly, then SIGKILL follows after a grace period.
      - text: SIGKILL
        why: That one comes only after the grace period runs out.

questions:
  - id: image-vs-container
    section: first-steps
    level: junior
    prompt: What is the difference between an image and a container?
    model_answer: |
      An image is a read-only template made of layers. A container is a running instance
      of an image with its own writable layer on top.
    key_points:
      - id: image-template
        label: the image is a read-only template
        aliases: [read-only template, read only template, immutable template]
      - id: running-instance
        label: a container is a running instance
        aliases: [running instance, instance of an image, a running image]
      - id: writable-layer
        label: the container adds a writable layer
        aliases: [writable layer, own layer on top, copy-on-write layer]
    misconceptions: [a container is a virtual machine]
    follow_ups: [What happens to the writable layer when the container is removed?]

drills:
  - id: pin-the-base
    title: Pin the base image and drop root
    kind: dockerfile
    section: first-steps
    difficulty: easy
    instructions: |
      Pin the base image to a version, and run the app as a non-root user.
    starter: drills/pin-the-base/starter.Dockerfile
    solution: drills/pin-the-base/solution.Dockerfile
    requirements:
      - id: base-pinned
        check: base_image_pinned
        message: Pin the base image to a version tag or a digest.
        hint: "`python:3.12-slim` is pinned; `python` and `python:latest` are not."
      - id: not-root
        check: final_user_not_root
        message: Switch to a non-root user in the final stage.
    hints:
      - Which tag does `FROM python` pull?
      - Add a USER line near the end.
"""

SECTION_MD = """\
# First steps

A container **image** is a stack of read-only layers and a small config. A **container** is a
process started from it, with a writable layer of its own.

```dockerfile
FROM python:3.12-slim
COPY app.py /app/
CMD ["python", "/app/app.py"]
```
"""

STARTER = 'FROM python\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n'
SOLUTION = (
    "FROM python:3.12-slim\n"
    "RUN useradd --create-home app\n"
    "COPY app.py /app/\n"
    "USER app\n"
    'CMD ["python", "/app/app.py"]\n'
)


def write_starter_pack(directory: Path, pack_id: str | None = None) -> list[Path]:
    pack_id = pack_id or _id_from_name(directory.resolve().name)
    if not re.match(ID_PATTERN, pack_id):
        raise ValueError(f"'{pack_id}' is not a valid pack id (lower-case words joined by dashes); pass --id")
    title = pack_id.replace("-", " ").capitalize()
    files = {
        "pack.yaml": PACK_YAML.format(schema=SCHEMA_FILE, folder=directory, pack_id=pack_id, title=title),
        SCHEMA_FILE: json.dumps(json_schema(), indent=2) + "\n",
        "sections/first-steps.md": SECTION_MD,
        "drills/pin-the-base/starter.Dockerfile": STARTER,
        "drills/pin-the-base/solution.Dockerfile": SOLUTION,
    }
    written = []
    for relative, text in files.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _id_from_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "my-pack"

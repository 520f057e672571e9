"""What a Dockerfile builds: stages, scopes, layers, the final image and the cache (no Textual).

    from prepdeck.build import build_image, BuildContext
    built = build_image(dockerfile, BuildContext.unknown())
    built.final                      # StageBuild: user, env, workdir, fs (layers), entrypoint, cmd
    runtime.pid1(built.final)        # what Docker runs as PID 1, and whether it gets signals
    cache.reruns(built, "src/app.js")  # the instructions a change to that file re-runs

Made from the lint parser's instructions (drills -> build -> lint); nothing here re-parses text.
"""

from prepdeck.build.context import BuildContext, ContextFile
from prepdeck.build.walk import Build, build_image

__all__ = ["Build", "BuildContext", "ContextFile", "build_image"]

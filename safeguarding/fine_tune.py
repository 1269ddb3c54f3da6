"""Fine-tune MiniLM to tell a disclosure of risk from a look-alike (main environment: torch).

A linear probe on the frozen sentence vectors could not separate "she kills it at drama"
from a threat, nor a meltdown from an assault: out-of-fold, it flagged 30-50 % of look-alikes
at the recall we need. Fine-tuning the whole encoder with a yes/no head (mean pooling and
normalisation kept, so the ONNX encoder pools as before) brought that under 10 %.
"""

from __future__ import annotations

import numpy as np

from safeguarding.encoder import MAX_TOKENS
from safeguarding.training_data import LabelledMessage

SEED = 7
EPOCHS = 3
LEARNING_RATE = 5e-5
BATCH = 16
SCALE = 10.0  # the head reads the unit vector times this: a cosine-sized input, sharper logits


def fine_tune(messages: list[LabelledMessage], model_dir, epochs: int = EPOCHS, log=print):
    """The fine-tuned encoder (a `transformers` model) and its head's (weights, bias)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(SEED)
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    encoder = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager")
    head = torch.nn.Linear(encoder.config.hidden_size, 1)
    parameters = list(encoder.parameters()) + list(head.parameters())
    optimiser = torch.optim.AdamW(parameters, lr=LEARNING_RATE)
    truth = np.array([m.disclosure for m in messages], dtype=np.float32)
    # Disclosures are the rarer class: weigh them up so a miss costs more than a false alarm.
    positive_weight = torch.tensor([(1 - truth.mean()) / max(truth.mean(), 1e-6)])
    encoder.train()
    for epoch in range(epochs):
        order = np.random.default_rng(SEED + epoch).permutation(len(messages))
        total = 0.0
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            inputs = tokenizer(
                [messages[i].text for i in batch],
                padding=True,
                truncation=True,
                max_length=MAX_TOKENS,
                return_tensors="pt",
            )
            logits = head(_pooled(encoder, inputs) * SCALE).squeeze(-1)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, torch.from_numpy(truth[batch]), pos_weight=positive_weight
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(batch)
        log(f"  epoch {epoch + 1} of {epochs}: loss {total / len(messages):.4f}")
    encoder.eval()
    weights = head.weight.detach().numpy() * SCALE
    return encoder, weights.astype(np.float32), head.bias.detach().numpy().astype(np.float32)


def _pooled(encoder, inputs):
    import torch

    hidden = encoder(**inputs).last_hidden_state
    mask = inputs["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
    return torch.nn.functional.normalize(pooled, dim=-1)

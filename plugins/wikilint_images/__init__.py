"""wikilint's image rules: ``[[File:…]]`` links (captions and options) and galleries."""

from __future__ import annotations

from typing import Any

from wikilint import Rule, hookimpl


@hookimpl
def wikilint_get_rules() -> list[type[Rule]]:
    from wikilint_images.conflicting_image_options import ConflictingImageOptions
    from wikilint_images.empty_gallery import EmptyGallery
    from wikilint_images.gallery_line_not_file import GalleryLineNotFile
    from wikilint_images.invisible_caption import InvisibleCaption
    from wikilint_images.malformed_image_size import MalformedImageSize
    from wikilint_images.spilled_caption import SpilledCaption
    from wikilint_images.unbalanced_caption_markup import UnbalancedCaptionMarkup
    from wikilint_images.unclosed_file_link import UnclosedFileLink
    from wikilint_images.unknown_image_option import UnknownImageOption

    return [SpilledCaption, UnclosedFileLink, UnbalancedCaptionMarkup, ConflictingImageOptions,
            MalformedImageSize, UnknownImageOption, InvisibleCaption, GalleryLineNotFile, EmptyGallery]


@hookimpl
def wikilint_site_presets() -> dict[str, dict[str, Any]]:
    """Image keywords the presets lack: media-handler options (each wiki's core keywords
    are in its preset, from MediaWiki's magic words)."""
    return {
        "default": {"image-options": {
            # TimedMediaHandler (audio/video) and PagedTiffHandler options.
            "thumbtime": ["thumbtime"], "start": ["start"], "end": ["end"],
            "disablecontrols": ["disablecontrols"], "lossy": ["lossy"],
            "loop": ["loop"], "muted": ["muted"],
        }},
    }

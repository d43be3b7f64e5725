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
    """Image keywords the presets lack: media-handler options and zh's localised words.

    The zh words are MediaWiki's magic words for Chinese (MessagesZh_hans.php /
    MessagesZh_hant.php). A preset file's own list wins where it has one.
    """
    return {
        "default": {"image-options": {
            # TimedMediaHandler (audio/video) and PagedTiffHandler options.
            "thumbtime": ["thumbtime"], "start": ["start"], "end": ["end"],
            "disablecontrols": ["disablecontrols"], "lossy": ["lossy"],
            "loop": ["loop"], "muted": ["muted"],
        }},
        "zhwiki": {"image-options": {
            "center": ["center", "centre", "居中", "置中"],
            "upright": ["upright", "右上"],
            "baseline": ["baseline", "基线", "基線"],
            "sub": ["sub", "子"],
            "super": ["super", "sup", "超"],
            "top": ["top", "顶部", "頂部"],
            "text-top": ["text-top", "文字顶部", "文字頂部"],
            "middle": ["middle", "中间", "中間"],
            "bottom": ["bottom", "底部"],
            "text-bottom": ["text-bottom", "文字底部"],
        }},
    }

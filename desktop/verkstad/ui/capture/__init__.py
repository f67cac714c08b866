"""Capture mode: the window a facilitator types into during a meeting (`CaptureWindow`)."""

from verkstad.ui.capture.window import CaptureWindow

__all__ = ["CaptureWindow"]

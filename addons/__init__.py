"""mitmproxy addons that watch what personal information leaves a device (see issue 4)."""

window.dashcppAssetLoaded = true;

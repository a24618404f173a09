document.title='assetopt publish test';

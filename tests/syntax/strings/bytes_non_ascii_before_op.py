x = b'café' + 'é'

print('not an article')

ascii = lo'\N{foo}'wer

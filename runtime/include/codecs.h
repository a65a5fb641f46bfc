/* codecs.h: the codec registry and error-handler registry (runtime/codecs.c), our own text with
 * CPython 3.11's names and signatures (Include/codecs.h and Include/cpython/codecs.h). */
#ifndef PYRS_CODECS_H
#define PYRS_CODECS_H

#include "Python.h"

PyAPI_FUNC(int) PyCodec_Register(PyObject *search_function);
PyAPI_FUNC(int) PyCodec_Unregister(PyObject *search_function);
PyAPI_FUNC(PyObject *) _PyCodec_Lookup(const char *encoding);
PyAPI_FUNC(int) _PyCodec_Forget(const char *encoding);
PyAPI_FUNC(int) PyCodec_KnownEncoding(const char *encoding);
PyAPI_FUNC(PyObject *) PyCodec_Encode(PyObject *object, const char *encoding, const char *errors);
PyAPI_FUNC(PyObject *) PyCodec_Decode(PyObject *object, const char *encoding, const char *errors);
PyAPI_FUNC(PyObject *) _PyCodec_LookupTextEncoding(const char *encoding,
                                                   const char *alternate_command);
PyAPI_FUNC(PyObject *) _PyCodec_EncodeText(PyObject *object, const char *encoding,
                                           const char *errors);
PyAPI_FUNC(PyObject *) _PyCodec_DecodeText(PyObject *object, const char *encoding,
                                           const char *errors);
PyAPI_FUNC(PyObject *) _PyCodecInfo_GetIncrementalDecoder(PyObject *codec_info, const char *errors);
PyAPI_FUNC(PyObject *) _PyCodecInfo_GetIncrementalEncoder(PyObject *codec_info, const char *errors);
PyAPI_FUNC(PyObject *) PyCodec_Encoder(const char *encoding);
PyAPI_FUNC(PyObject *) PyCodec_Decoder(const char *encoding);
PyAPI_FUNC(PyObject *) PyCodec_IncrementalEncoder(const char *encoding, const char *errors);
PyAPI_FUNC(PyObject *) PyCodec_IncrementalDecoder(const char *encoding, const char *errors);
PyAPI_FUNC(PyObject *) PyCodec_StreamReader(const char *encoding, PyObject *stream,
                                            const char *errors);
PyAPI_FUNC(PyObject *) PyCodec_StreamWriter(const char *encoding, PyObject *stream,
                                            const char *errors);

PyAPI_FUNC(int) PyCodec_RegisterError(const char *name, PyObject *error);
PyAPI_FUNC(PyObject *) PyCodec_LookupError(const char *name);
PyAPI_FUNC(PyObject *) PyCodec_StrictErrors(PyObject *exc);
PyAPI_FUNC(PyObject *) PyCodec_IgnoreErrors(PyObject *exc);
PyAPI_FUNC(PyObject *) PyCodec_ReplaceErrors(PyObject *exc);
PyAPI_FUNC(PyObject *) PyCodec_XMLCharRefReplaceErrors(PyObject *exc);
PyAPI_FUNC(PyObject *) PyCodec_BackslashReplaceErrors(PyObject *exc);
PyAPI_FUNC(PyObject *) PyCodec_NameReplaceErrors(PyObject *exc);

PyAPI_DATA(const char *) Py_hexdigits;

/* UTF-7, defined in unicode_codecs.c with the other built-in codecs (these belong in
 * unicodeobject.h; declared here until they move). */
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUTF7(const char *string, Py_ssize_t length,
                                            const char *errors);
PyAPI_FUNC(PyObject *) PyUnicode_DecodeUTF7Stateful(const char *string, Py_ssize_t length,
                                                    const char *errors, Py_ssize_t *consumed);
PyAPI_FUNC(PyObject *) _PyUnicode_EncodeUTF7(PyObject *unicode, int base64SetO,
                                             int base64WhiteSpace, const char *errors);

#endif /* PYRS_CODECS_H */

/* stdlib/_datetime/module.c: the _datetime module object: readies the types (date, datetime,
 * time, timedelta, tzinfo, timezone), exports them with MINYEAR/MAXYEAR/UTC, and publishes the
 * "datetime.datetime_CAPI" capsule (datetime.h) that C extensions import, as CPython 3.11. */
#include "dt.h"

/* CAPI wrappers with the exact signatures of PyDateTime_CAPI. */
static PyObject *
capi_datetime(int y, int m, int d, int hh, int mm, int ss, int us, PyObject *tzinfo,
              PyTypeObject *type)
{
    return pyrs_dt_datetime_new(y, m, d, hh, mm, ss, us, tzinfo, 0, type);
}

static PyObject *
capi_time(int hh, int mm, int ss, int us, PyObject *tzinfo, PyTypeObject *type)
{
    return pyrs_dt_time_new(hh, mm, ss, us, tzinfo, 0, type);
}

static PyDateTime_CAPI capi;

static void
fill_capi(void)
{
    capi.DateType = &pyrs_dt_date_type;
    capi.DateTimeType = &pyrs_dt_datetime_type;
    capi.TimeType = &pyrs_dt_time_type;
    capi.DeltaType = &pyrs_dt_delta_type;
    capi.TZInfoType = &pyrs_dt_tzinfo_type;
    capi.TimeZone_UTC = pyrs_dt_utc;
    capi.Date_FromDate = pyrs_dt_date_new;
    capi.DateTime_FromDateAndTime = capi_datetime;
    capi.Time_FromTime = capi_time;
    capi.Delta_FromDelta = pyrs_dt_delta_new;
    capi.TimeZone_FromTimeZone = pyrs_dt_timezone_new;
    capi.DateTime_FromTimestamp = pyrs_dt_datetime_fromtimestamp_capi;
    capi.Date_FromTimestamp = pyrs_dt_date_fromtimestamp_capi;
    capi.DateTime_FromDateAndTimeAndFold = pyrs_dt_datetime_new;
    capi.Time_FromTimeAndFold = pyrs_dt_time_new;
}

static int
add_type(PyObject *m, const char *name, PyTypeObject *type)
{
    return PyModule_AddObjectRef(m, name, (PyObject *)type);
}

static PyModuleDef datetime_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_datetime",
    .m_doc = "Fast implementation of the datetime type.",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__datetime(void);

/* Creates the module (single-phase, as CPython's): a new reference or NULL. The types are
 * static and readied once; a fresh import makes a new module holding the same types. */
PyMODINIT_FUNC
PyInit__datetime(void)
{
    if (pyrs_dt_delta_ready() < 0 || pyrs_dt_tzinfo_ready() < 0 || pyrs_dt_date_ready() < 0 ||
        pyrs_dt_time_ready() < 0 || pyrs_dt_datetime_ready() < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&datetime_module);
    if (m == NULL) {
        return NULL;
    }
    fill_capi();
    PyObject *capsule = PyCapsule_New(&capi, PyDateTime_CAPSULE_NAME, NULL);
    if (capsule == NULL || PyModule_AddIntConstant(m, "MINYEAR", MINYEAR) < 0 ||
        PyModule_AddIntConstant(m, "MAXYEAR", MAXYEAR) < 0 ||
        add_type(m, "date", &pyrs_dt_date_type) < 0 ||
        add_type(m, "datetime", &pyrs_dt_datetime_type) < 0 ||
        add_type(m, "time", &pyrs_dt_time_type) < 0 ||
        add_type(m, "timedelta", &pyrs_dt_delta_type) < 0 ||
        add_type(m, "tzinfo", &pyrs_dt_tzinfo_type) < 0 ||
        add_type(m, "timezone", &pyrs_dt_timezone_type) < 0 ||
        PyModule_AddObjectRef(m, "UTC", pyrs_dt_utc) < 0 ||
        PyModule_AddObjectRef(m, "datetime_CAPI", capsule) < 0) {
        Py_XDECREF(capsule);
        Py_DECREF(m);
        return NULL;
    }
    Py_DECREF(capsule);
    return m;
}

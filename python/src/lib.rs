//! `rinse_text._rinse`: the Python extension module of rinse.
//!
//! A thin layer over the public API of the `rinse` crate ([`rinse::Cleaner`]):
//! conversions in and out of Python, one batch call that detaches from the
//! interpreter (releases the GIL) while it cleans in parallel, and Arrow
//! arrays in and out through the Arrow PyCapsule interface. The engine
//! adapters (datatrove, Ray Data, Spark, pandas/polars) are Python modules of
//! the `rinse_text` package, over `Cleaner.clean_batch` and
//! `Cleaner.clean_arrow`.
//!
//! Offsets: `Edit.start`/`end` count code points, as Python indexes a `str`;
//! `byte_start`/`byte_end` are the report's UTF-8 byte offsets.

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::ffi::{from_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::{
    make_array, Array, ArrayRef, GenericStringArray, Int64Array, OffsetSizeTrait, StringArray, StringViewArray,
    StructArray,
};
use arrow_data::ArrayData;
use arrow_schema::{DataType, Field, Fields};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyCapsule, PyDict, PyList, PyString, PyTuple};
use std::collections::BTreeMap;
use std::ffi::CString;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

// The CLI's allocator: the cleaning passes allocate a lot, and the batch
// call should run as fast per thread as `rinse clean` (README, Python).
// Only Rust allocations use it; Python objects keep Python's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    _rinse,
    RinseError,
    PyValueError,
    "An error from rinse: unknown rule code, bad configuration, unreadable configuration or rules file."
);

fn rinse_err(e: rinse::Error) -> PyErr {
    RinseError::new_err(e.to_string())
}

/// Boilerplate rules learned from a sample of a batch, as `rinse clean`
/// learns them before it cleans many documents (rule B118): lines that recur
/// in at least `min_docs` of the first `sample` texts (at most 64 MB).
/// Returns them as dicts for `Cleaner(rules=...)`.
#[pyfunction]
#[pyo3(signature = (texts, *, min_docs=3, sample=1000))]
fn learn<'py>(py: Python<'py>, texts: &Bound<'py, PyAny>, min_docs: usize, sample: usize) -> PyResult<Bound<'py, PyAny>> {
    const MAX_SAMPLE_BYTES: usize = 64 << 20;
    let mut docs: Vec<String> = Vec::new();
    let mut bytes = 0usize;
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("learn: expected an iterable of str, got one str"));
    }
    for (i, t) in texts.try_iter()?.enumerate() {
        if docs.len() >= sample || bytes >= MAX_SAMPLE_BYTES {
            break;
        }
        let t = str_arg(&t?, Some(i))?;
        bytes += t.len();
        docs.push(t);
    }
    // The same thresholds as `rinse clean` (src/cli/clean.rs).
    let min_docs = min_docs.max(2);
    let specs: Vec<rinse::passes::boilerplate::RuleSpec> = if sample < 2 || docs.len() < min_docs.max(4) {
        Vec::new()
    } else {
        py.detach(|| {
            let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
            rinse::learn::learn(&refs, min_docs).iter().map(rinse::learn::LearnedRule::to_batch_spec).collect()
        })
    };
    let v = serde_json::to_value(&specs).map_err(|e| RinseError::new_err(e.to_string()))?;
    json_to_py(py, &v)
}

/// `select`/`ignore`: a list of codes, or one string of comma-separated codes.
fn codes_arg(arg: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<String>> {
    if let Ok(s) = arg.cast::<PyString>() {
        let s = s.to_cow()?;
        return Ok(s.split(',').map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect());
    }
    arg.try_iter()
        .and_then(|it| it.map(|c| c.and_then(|c| c.extract::<String>())).collect::<PyResult<Vec<String>>>())
        .map_err(|_| PyTypeError::new_err(format!("{name}: expected a list of rule codes or a string like \"W,P101\"")))
}

/// An enum of the configuration from its name (`"keep"`, `"nfc"`...).
fn enum_arg<T: serde::de::DeserializeOwned>(value: &str, name: &str) -> PyResult<T> {
    serde_json::from_value(serde_json::Value::String(value.to_string()))
        .map_err(|e| RinseError::new_err(format!("{name}: {e}")))
}

/// The text-cleaning pipeline of rinse, built once and reused.
///
/// Thread-safe: one `Cleaner` can serve many threads, and `clean_batch`
/// cleans in parallel without holding the GIL. Pickles by its arguments (a
/// `config` file is read again where it is unpickled).
#[pyclass(frozen, module = "rinse_text._rinse")]
struct Cleaner {
    /// Builds full reports or summaries, as `edits` asked.
    inner: Arc<rinse::Cleaner>,
    /// The same configuration, summary reports only (`clean_arrow` without
    /// `report=True`), built on first use.
    summary: OnceLock<Arc<rinse::Cleaner>>,
    config: rinse::Config,
    edits: bool,
    /// The constructor's arguments, for `__reduce__` and `__repr__`.
    args: Py<PyTuple>,
}

impl Cleaner {
    fn summary_cleaner(&self) -> PyResult<Arc<rinse::Cleaner>> {
        if !self.edits {
            return Ok(self.inner.clone());
        }
        if let Some(c) = self.summary.get() {
            return Ok(c.clone());
        }
        let c = rinse::Cleaner::new(self.config.clone()).map_err(rinse_err)?;
        let c = Arc::new(c.with_report_detail(rinse::ReportDetail::Summary));
        Ok(self.summary.get_or_init(|| c).clone())
    }
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(signature = (select=None, ignore=None, only_safe=None, cjk=None, config=None, normalize=None, edits=true, rules=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        select: Option<Bound<'_, PyAny>>,
        ignore: Option<Bound<'_, PyAny>>,
        only_safe: Option<bool>,
        cjk: Option<String>,
        config: Option<PathBuf>,
        normalize: Option<String>,
        edits: bool,
        rules: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut cfg = match &config {
            Some(path) => rinse::Config::from_file(path).map_err(rinse_err)?,
            None => rinse::Config::default(),
        };
        if let Some(s) = &select {
            cfg.select = codes_arg(s, "select")?;
        }
        if let Some(s) = &ignore {
            cfg.ignore = codes_arg(s, "ignore")?;
        }
        if let Some(v) = only_safe {
            cfg.only_safe = v;
        }
        if let Some(v) = &cjk {
            cfg.cjk = enum_arg(v, "cjk")?;
        }
        if let Some(v) = &normalize {
            cfg.normalize = enum_arg(v, "normalize")?;
        }
        if let Some(rules) = &rules {
            // Boilerplate rules as dicts (what `learn` returns, or the
            // fields of a `[[boilerplate.extra_rules]]` table), via JSON.
            let json: String = rules.py().import("json")?.call_method1("dumps", (rules,))?.extract()?;
            let specs: Vec<rinse::passes::boilerplate::RuleSpec> = serde_json::from_str(&json)
                .map_err(|e| RinseError::new_err(format!("rules: {e}")))?;
            cfg.passes.boilerplate.extra_rules.extend(specs);
        }
        let detail = if edits { rinse::ReportDetail::Full } else { rinse::ReportDetail::Summary };
        let inner = rinse::Cleaner::new(cfg.clone()).map_err(rinse_err)?.with_report_detail(detail);
        let config_arg = config.map(|p| p.to_string_lossy().into_owned());
        let args = PyTuple::new(
            py,
            [
                select.map(|s| s.unbind()).unwrap_or_else(|| py.None()),
                ignore.map(|s| s.unbind()).unwrap_or_else(|| py.None()),
                only_safe.into_pyobject(py)?.into_any().unbind(),
                cjk.into_pyobject(py)?.into_any().unbind(),
                config_arg.into_pyobject(py)?.into_any().unbind(),
                normalize.into_pyobject(py)?.into_any().unbind(),
                PyBool::new(py, edits).to_owned().into_any().unbind(),
                rules.map(|s| s.unbind()).unwrap_or_else(|| py.None()),
            ],
        )?
        .unbind();
        Ok(Cleaner { inner: Arc::new(inner), summary: OnceLock::new(), config: cfg, edits, args })
    }

    /// Clean one document.
    fn clean(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Cleaned> {
        let text = str_arg(text, None)?;
        let inner = self.inner.clone();
        let cleaned = py.detach(move || {
            let c = inner.clean(&text);
            (text, c)
        });
        Ok(Cleaned { original: cleaned.0, inner: cleaned.1 })
    }

    /// Clean many documents in parallel, without holding the GIL.
    #[pyo3(signature = (texts, threads=None))]
    fn clean_batch(&self, py: Python<'_>, texts: &Bound<'_, PyAny>, threads: Option<usize>) -> PyResult<Vec<Cleaned>> {
        let threads = thread_count(threads)?;
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err("clean_batch: expected a sequence of str, got one str (use clean)"));
        }
        let texts: Vec<String> = texts
            .try_iter()
            .map_err(|_| PyTypeError::new_err("clean_batch: expected a sequence of str"))?
            .enumerate()
            .map(|(i, t)| str_arg(&t?, Some(i)))
            .collect::<PyResult<_>>()?;
        let inner = self.inner.clone();
        let out = py.detach(move || {
            let cleaned = parallel_map(&texts, threads, |t| inner.clean(t));
            texts.into_iter().zip(cleaned).map(|(original, inner)| Cleaned { original, inner }).collect()
        });
        Ok(out)
    }

    /// Clean an Arrow string array; see the stub for the result's columns.
    #[pyo3(signature = (array, *, threads=None, report=false))]
    fn clean_arrow(
        &self,
        py: Python<'_>,
        array: &Bound<'_, PyAny>,
        threads: Option<usize>,
        report: bool,
    ) -> PyResult<Py<PyAny>> {
        let threads = thread_count(threads)?;
        let cleaner = if report { self.inner.clone() } else { self.summary_cleaner()? };
        let pa = py.import("pyarrow").map_err(|e| {
            PyErr::from_type(e.get_type(py), format!("clean_arrow returns pyarrow objects: install pyarrow ({e})"))
        })?;
        if array.hasattr("__arrow_c_array__")? {
            let batch = clean_one_array(py, &cleaner, array, threads, report)?;
            return Ok(pa.call_method1("record_batch", (batch,))?.unbind());
        }
        if array.hasattr("chunks")? && array.hasattr("type")? {
            // A pyarrow.ChunkedArray (a Table column): chunk by chunk, into a Table.
            let mut batches = Vec::new();
            for chunk in array.getattr("chunks")?.try_iter()? {
                let batch = clean_one_array(py, &cleaner, &chunk?, threads, report)?;
                batches.push(pa.call_method1("record_batch", (batch,))?);
            }
            if batches.is_empty() {
                let empty = pa.call_method1("array", (PyList::empty(py), array.getattr("type")?))?;
                let batch = clean_one_array(py, &cleaner, &empty, threads, report)?;
                batches.push(pa.call_method1("record_batch", (batch,))?);
            }
            return Ok(pa.getattr("Table")?.call_method1("from_batches", (batches,))?.unbind());
        }
        Err(PyTypeError::new_err(format!(
            "clean_arrow: expected an Arrow string array (an object with __arrow_c_array__, such as pyarrow.Array) or a pyarrow.ChunkedArray, got {}",
            array.get_type().name()?
        )))
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, Py<PyTuple>)> {
        Ok((slf.get_type().into_any().unbind(), slf.get().args.clone_ref(slf.py())))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let names = ["select", "ignore", "only_safe", "cjk", "config", "normalize", "edits", "rules"];
        let args = self.args.bind(py);
        let mut parts = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let v = args.get_item(i)?;
            // Defaults (None, edits=True) are left out.
            let default = v.is_none() || (*name == "edits" && v.is_truthy()?);
            if !default {
                parts.push(format!("{name}={}", v.repr()?));
            }
        }
        Ok(format!("Cleaner({})", parts.join(", ")))
    }
}

/// A `str` argument as a Rust `String`; lone surrogates are a clear error.
fn str_arg(obj: &Bound<'_, PyAny>, index: Option<usize>) -> PyResult<String> {
    let at = index.map(|i| format!(" (item {i})")).unwrap_or_default();
    let s = obj
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err(format!("expected str{at}, got {}", obj.get_type().name().map(|n| n.to_string()).unwrap_or_default())))?;
    s.to_cow().map(|c| c.into_owned()).map_err(|e| with_reason(obj.py(), e, &at))
}

/// A UnicodeEncodeError (a lone surrogate) whose reason names the item.
fn with_reason(py: Python<'_>, e: PyErr, at: &str) -> PyErr {
    let v = e.value(py);
    if !e.is_instance_of::<pyo3::exceptions::PyUnicodeEncodeError>(py) {
        return e;
    }
    let attrs = ["encoding", "object", "start", "end", "reason"].map(|a| v.getattr(a));
    let [Ok(encoding), Ok(object), Ok(start), Ok(end), Ok(reason)] = attrs else { return e };
    let reason = format!("{reason}: the text is not valid Unicode (a lone surrogate?){at}");
    match e.get_type(py).call1((encoding, object, start, end, reason)) {
        Ok(new) => PyErr::from_value(new),
        Err(_) => e,
    }
}

fn thread_count(threads: Option<usize>) -> PyResult<usize> {
    match threads {
        Some(0) => Err(PyValueError::new_err("threads must be at least 1 (None: one per core)")),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)),
    }
}

/// `f` over `items` on `threads` threads (each takes the next item when it
/// is free: documents vary in size), results in input order.
fn parallel_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    });
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    for (i, r) in parts.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots.into_iter().map(|r| r.expect("every item was cleaned")).collect()
}

/// Code-point offsets of byte offsets `positions` (each on a char boundary)
/// in `text`; sorted positions are counted in one forward sweep.
fn char_offsets(text: &str, positions: &[usize]) -> Vec<usize> {
    let (mut at_byte, mut at_char) = (0usize, 0usize);
    positions
        .iter()
        .map(|&p| {
            if p < at_byte {
                (at_byte, at_char) = (0, 0);
            }
            at_char += text[at_byte..p].chars().count();
            at_byte = p;
            at_char
        })
        .collect()
}

fn json_to_py<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => PyList::new(py, a.iter().map(|x| json_to_py(py, x)).collect::<PyResult<Vec<_>>>()?)?.into_any(),
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

fn confidence_name(c: rinse::Confidence) -> String {
    serde_json::to_value(c).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// One edit of a report, against the original text.
#[pyclass(frozen, get_all, module = "rinse_text._rinse")]
struct Edit {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    line: usize,
    column: usize,
    before: String,
    after: String,
    codes: Vec<String>,
    confidence: String,
    reasons: Vec<String>,
}

#[pymethods]
impl Edit {
    /// The reasons, joined with "; ".
    #[getter]
    fn reason(&self) -> String {
        self.reasons.join("; ")
    }

    fn __repr__(&self) -> String {
        format!(
            "Edit({}..{} {} {:?} -> {:?}, {})",
            self.start,
            self.end,
            self.codes.join("+"),
            self.before,
            self.after,
            self.confidence
        )
    }
}

/// The cleaned text of one document and the report of how it was cleaned.
#[pyclass(frozen, module = "rinse_text._rinse")]
struct Cleaned {
    original: String,
    inner: rinse::Cleaned,
}

impl Cleaned {
    fn edit_list(&self, edits: &[rinse::ReportEdit]) -> Vec<Edit> {
        let bytes: Vec<usize> = edits.iter().flat_map(|e| [e.start, e.end]).collect();
        let chars = char_offsets(&self.original, &bytes);
        edits
            .iter()
            .zip(chars.chunks_exact(2))
            .map(|(e, c)| Edit {
                start: c[0],
                end: c[1],
                byte_start: e.start,
                byte_end: e.end,
                line: e.line,
                column: e.column,
                before: e.before.clone(),
                after: e.after.clone(),
                codes: e.codes.clone(),
                confidence: confidence_name(e.confidence),
                reasons: e.reasons.clone(),
            })
            .collect()
    }
}

#[pymethods]
impl Cleaned {
    /// The cleaned text.
    #[getter]
    fn text(&self) -> &str {
        &self.inner.text
    }

    /// The text that was cleaned.
    #[getter]
    fn original(&self) -> &str {
        &self.original
    }

    /// Did cleaning change the text?
    #[getter]
    fn changed(&self) -> bool {
        self.inner.text != self.original
    }

    /// Every edit, sorted and non-overlapping (empty under `edits=False`).
    #[getter]
    fn edits(&self) -> Vec<Edit> {
        self.edit_list(&self.inner.report.edits)
    }

    /// Edits of confidence "suggest" that were not applied.
    #[getter]
    fn suggestions(&self) -> Vec<Edit> {
        self.edit_list(&self.inner.report.suggestions)
    }

    /// Number of edits made (also under `edits=False`).
    #[getter]
    fn edit_count(&self) -> usize {
        self.inner.edit_count
    }

    /// Edits per rule code.
    #[getter]
    fn counts(&self) -> BTreeMap<String, usize> {
        self.inner.report.counts.clone()
    }

    /// Extracted article metadata (date, source, editor...).
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &serde_json::Value::Object(self.inner.report.metadata.clone()))
    }

    /// Warnings about the document.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.inner.report.warnings.clone()
    }

    /// Sentences removed under `cjk="extract"`, one dict each.
    #[getter]
    fn extracted<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.extracted.iter().map(|v| json_to_py(py, v)).collect()
    }

    /// One line: "N edits, by rule: W104 ×3, P101 ×2".
    fn summary(&self) -> String {
        self.inner.summary()
    }

    /// The JSON report, as `rinse clean --report` writes it (`input` is null).
    #[pyo3(signature = (*, pretty=false))]
    fn to_json(&self, pretty: bool) -> PyResult<String> {
        let r = if pretty {
            serde_json::to_string_pretty(&self.inner.report)
        } else {
            serde_json::to_string(&self.inner.report)
        };
        r.map_err(|e| RinseError::new_err(e.to_string()))
    }

    /// The JSON report as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = serde_json::to_value(&self.inner.report).map_err(|e| RinseError::new_err(e.to_string()))?;
        json_to_py(py, &v)
    }

    fn __repr__(&self) -> String {
        format!("Cleaned({} chars, {})", self.inner.text.chars().count(), self.inner.summary())
    }
}

// ---- Arrow ----------------------------------------------------------------

/// Import an array through the Arrow PyCapsule interface (zero-copy: the
/// buffers stay the producer's until the array is dropped).
fn import_array(obj: &Bound<'_, PyAny>) -> PyResult<ArrayRef> {
    let pair = obj.call_method0("__arrow_c_array__")?;
    let (schema, array): (Bound<'_, PyCapsule>, Bound<'_, PyCapsule>) = pair
        .extract()
        .map_err(|_| PyTypeError::new_err("__arrow_c_array__ must return a pair of PyCapsules"))?;
    let schema_ptr = schema.pointer_checked(Some(c"arrow_schema"))?.cast::<FFI_ArrowSchema>();
    let array_ptr = array.pointer_checked(Some(c"arrow_array"))?.cast::<FFI_ArrowArray>();
    // SAFETY: the capsule names promise these C data interface structs (the
    // protocol's contract). `from_raw` moves the array out and leaves a
    // released one behind, so the capsule's destructor frees nothing twice;
    // the schema is only borrowed while the capsule is alive.
    let data = unsafe {
        let array = FFI_ArrowArray::from_raw(array_ptr.as_ptr());
        from_ffi(array, schema_ptr.as_ref())
    }
    .map_err(|e| PyValueError::new_err(format!("cannot import the Arrow array: {e}")))?;
    // The import trusts the producer; a bad offset or invalid UTF-8 must be
    // an exception, never undefined behaviour (one pass over the buffers,
    // no copy).
    data.validate_full().map_err(|e| PyValueError::new_err(format!("invalid Arrow array: {e}")))?;
    Ok(make_array(data))
}

/// An array to hand to Arrow consumers: implements `__arrow_c_array__`.
#[pyclass(frozen, module = "rinse_text._rinse")]
struct ArrowExport {
    data: ArrayData,
}

#[pymethods]
impl ArrowExport {
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        let _ = requested_schema; // the only representation offered is ours
        let schema = FFI_ArrowSchema::try_from(self.data.data_type())
            .map_err(|e| PyValueError::new_err(format!("cannot export the Arrow schema: {e}")))?;
        let array = FFI_ArrowArray::new(&self.data);
        // Consumers move the structs out and mark them released; dropping a
        // released struct frees nothing, an unconsumed one is released.
        let schema = PyCapsule::new(py, schema, Some(CString::from(c"arrow_schema")))?;
        let array = PyCapsule::new(py, array, Some(CString::from(c"arrow_array")))?;
        Ok((schema, array))
    }
}

/// The rows of a string array, whatever its offsets' width.
fn string_rows(array: &ArrayRef) -> PyResult<Vec<Option<&str>>> {
    fn rows<O: OffsetSizeTrait>(a: &GenericStringArray<O>) -> Vec<Option<&str>> {
        a.iter().collect()
    }
    Ok(match array.data_type() {
        DataType::Utf8 => rows(array.as_any().downcast_ref::<StringArray>().expect("utf8")),
        DataType::LargeUtf8 => rows(array.as_any().downcast_ref::<GenericStringArray<i64>>().expect("large_utf8")),
        DataType::Utf8View => array.as_any().downcast_ref::<StringViewArray>().expect("utf8_view").iter().collect(),
        other => {
            return Err(PyTypeError::new_err(format!("clean_arrow: expected a string array, got {other}")))
        }
    })
}

/// Clean one array: a struct array of `text` (the input's type), `edits`,
/// `codes` and, with `report`, `report` (JSON).
fn clean_one_array(
    py: Python<'_>,
    cleaner: &rinse::Cleaner,
    obj: &Bound<'_, PyAny>,
    threads: usize,
    report: bool,
) -> PyResult<ArrowExport> {
    let array = import_array(obj)?;
    let data = py.detach(|| -> PyResult<ArrayData> {
        let rows = string_rows(&array)?;
        let cleaned = parallel_map(&rows, threads, |t| t.map(|t| cleaner.clean(t)));
        let texts = cleaned.iter().map(|c| c.as_ref().map(|c| c.text.as_str()));
        let text: ArrayRef = match array.data_type() {
            DataType::Utf8 => Arc::new(StringArray::from_iter(texts)),
            DataType::LargeUtf8 => Arc::new(GenericStringArray::<i64>::from_iter(texts)),
            _ => Arc::new(StringViewArray::from_iter(texts)),
        };
        let edits: ArrayRef =
            Arc::new(Int64Array::from_iter(cleaned.iter().map(|c| c.as_ref().map(|c| c.edit_count as i64))));
        let mut codes = ListBuilder::new(StringBuilder::new());
        for c in &cleaned {
            match c {
                Some(c) => {
                    for code in c.report.counts.keys() {
                        codes.values().append_value(code);
                    }
                    codes.append(true);
                }
                None => codes.append(false),
            }
        }
        let codes: ArrayRef = Arc::new(codes.finish());
        let mut columns = vec![("text", text), ("edits", edits), ("codes", codes)];
        if report {
            let json = cleaned
                .iter()
                .map(|c| c.as_ref().map(|c| serde_json::to_string(&c.report)).transpose())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| RinseError::new_err(e.to_string()))?;
            columns.push(("report", Arc::new(StringArray::from(json))));
        }
        let fields: Fields =
            columns.iter().map(|(name, a)| Field::new(*name, a.data_type().clone(), true)).collect();
        let arrays = columns.into_iter().map(|(_, a)| a).collect();
        let batch = StructArray::try_new(fields, arrays, None)
            .map_err(|e| PyValueError::new_err(format!("cannot build the result: {e}")))?;
        Ok(batch.into_data())
    })?;
    drop(array);
    Ok(ArrowExport { data })
}

/// rinse: repairs machine-translated English scraped from Chinese websites
/// and reports every edit. Use it through the `rinse_text` package.
#[pymodule]
fn _rinse(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Cleaner>()?;
    m.add_class::<Cleaned>()?;
    m.add_class::<Edit>()?;
    m.add_class::<ArrowExport>()?;
    m.add_function(wrap_pyfunction!(learn, m)?)?;
    m.add("RinseError", m.py().get_type::<RinseError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

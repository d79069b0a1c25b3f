# GDB pretty printers for the buffers library (buffers::Vector, buffers::Deque).
#
# Load them with `source <prefix>/share/buffers/gdb/buffers-gdb.py` (see docs/debugging.md).
#
# A collection knows which slots are live; its buffer knows where slot i is. The printers mirror
# that split: a collection printer reads the size (and, for Deque, the ring's head and modulus)
# and asks a "slots" object, built from the buffer's type, for slot i. Composites that derive
# from another buffer (IndirectBuffer, ZstoBuffer, ExponentialGrowthBuffer, AtLeastBuffer, and
# composites written by users) are seen through their base class.
#
# Printers must never raise: a debugger shows uninitialised, half-built and optimised-out
# objects all the time. Every entry point catches errors and reports them in the text.

import gdb
import gdb.printing

__all__ = ["build_printer", "register", "slots_of", "soa_row_text"]


# --- types ---------------------------------------------------------------------------------


def _strip(t):
    """t without typedefs, references and cv-qualifiers."""
    t = t.strip_typedefs()
    if t.code in (gdb.TYPE_CODE_REF, gdb.TYPE_CODE_RVALUE_REF):
        t = t.target().strip_typedefs()
    return t.unqualified()


def _template_name(t):
    """'buffers::Vector' for buffers::Vector<int, ...>; the full name for non-templates."""
    name = t.tag or t.name or ""
    cut = name.find("<")
    return name[:cut] if cut >= 0 else name


def _template_arg(t, n):
    try:
        return t.template_argument(n)
    except (gdb.error, RuntimeError):
        return None


def _is_struct(t):
    return t.code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION)


def _base_fields(t):
    return [f for f in t.fields() if f.is_base_class] if _is_struct(t) else []


def _data_fields(t):
    """Non-static data members (static ones have no bitpos)."""
    if not _is_struct(t):
        return []
    return [f for f in t.fields() if not f.is_base_class and hasattr(f, "bitpos")]


def _has_field(t, name):
    return any(f.name == name for f in _data_fields(t))


def _print_limit():
    """GDB's `print elements` (None when unlimited)."""
    try:
        n = gdb.parameter("print elements")
    except (gdb.error, RuntimeError):
        return 200
    if n is None or n <= 0:
        return None
    return int(n)


def _capped(n):
    limit = _print_limit()
    return n if limit is None else min(n, limit)


def _read_bytes(address, size):
    return bytes(gdb.selected_inferior().read_memory(address, size))


def _value_bytes(v):
    """The object representation of an lvalue v."""
    return _read_bytes(int(v.address), v.type.sizeof)


def _max_bytes():
    """PTRDIFF_MAX: no object is larger."""
    return (1 << (gdb.lookup_type("void").pointer().sizeof * 8 - 1)) - 1


class InvalidObject(Exception):
    """The object's members contradict each other (uninitialised or corrupted memory)."""


# --- slots: where slot i of a buffer is ----------------------------------------------------
#
# Each kind has `capacity` (int), `where` ('heap', 'inline', ... or None) and `element(i)`,
# which returns a gdb.Value (an lvalue where the element has one) or, as a last resort, text.


class _PointerSlots:
    """Slots in one contiguous array (HeapBuffer, SliceBuffer, AllocatorBuffer)."""

    def __init__(self, pointer, capacity, where):
        if capacity > 0 and int(pointer) == 0:
            raise InvalidObject("capacity %d with a null pointer" % capacity)
        element_size = max(_strip(pointer.type).target().sizeof, 1)
        if capacity > _max_bytes() // element_size:
            raise InvalidObject("capacity %d is more than memory can hold" % capacity)
        self.pointer = pointer
        self.capacity = capacity
        self.where = where

    def element(self, i):
        return (self.pointer + i).dereference()


class _ArraySlots:
    """Slots in an array inside the object (InlineBuffer)."""

    def __init__(self, array, capacity):
        self.array = array
        self.capacity = capacity
        self.where = "inline"

    def element(self, i):
        return self.array[i]


class _NoSlots:
    """A buffer without storage (InlineBuffer<T, 0>, a null pointer-like)."""

    capacity = 0
    where = None

    def element(self, i):
        raise IndexError(i)


class _ZstSlots:
    """ZstBuffer: every element is T{}, stored nowhere."""

    def __init__(self, value_type, capacity):
        self.value_type = value_type
        self.capacity = capacity
        self.where = None

    def element(self, i):
        return gdb.Value(bytes(self.value_type.sizeof), self.value_type)


class _SvoSlots:
    """SvoBuffer<B, N>: the inline part or B, whichever holds the values."""

    def __init__(self, active, on_large):
        self.active = active
        self.capacity = active.capacity
        self.where = (active.where or "heap") if on_large else "inline"

    def element(self, i):
        return self.active.element(i)


class _ArrayBufferSlots:
    """ArrayBuffer<B, N>: element i is position i of every sub-buffer, shown as T[N]."""

    def __init__(self, subs):
        self.subs = subs
        self.capacity = min(s.capacity for s in subs)
        self.where = subs[0].where

    def element(self, i):
        parts = [s.element(i) for s in self.subs]
        if all(isinstance(p, gdb.Value) and p.address is not None for p in parts):
            t = parts[0].type
            if all(p.type.sizeof == t.sizeof for p in parts):
                raw = b"".join(_value_bytes(p) for p in parts)
                return gdb.Value(raw, t.array(len(parts) - 1))
        return "{" + ", ".join(_text(p) for p in parts) + "}"


class _SoaSlots:
    """SoaBuffer / InlineSoaBuffer: row i is position i of every column.

    A row is shown as a value of T itself, assembled from its fields, so GDB prints it with
    T's field names and every field's own printer. When T's layout is unknown, the row is text
    with the generated field names (soa_generated<T>::field_names) or with field indices."""

    def __init__(self, value_type, columns, capacity, where):
        if capacity > 0 and any(int(c) == 0 for c in columns):
            raise InvalidObject("capacity %d with a null column" % capacity)
        row_size = max(sum(_strip(c.type).target().sizeof for c in columns), 1)
        if capacity > _max_bytes() // row_size:
            raise InvalidObject("capacity %d is more than memory can hold" % capacity)
        self.value_type = value_type
        self.columns = columns  # one pointer per field
        self.capacity = capacity
        self.where = where
        self._layout = None

    def layout(self):
        if self._layout is None:
            self._layout = _soa_layout(self.value_type, self.columns)
        return self._layout

    def field(self, k, i):
        return (self.columns[k] + i).dereference()

    def element(self, i):
        kind, info = self.layout()
        if kind == "struct":
            raw = bytearray(self.value_type.sizeof)
            for column, (offset, size) in zip(self.columns, info):
                raw[offset : offset + size] = _read_bytes(int(column) + i * size, size)
            return gdb.Value(bytes(raw), self.value_type)
        return soa_row_text(self, i, info)


def soa_row_text(slots, i, names=None):
    """Row i of SoA slots as text: `{x = 1, y = 2}`, or `{[0] = 1, [1] = 2}` without names."""
    parts = []
    for k in range(len(slots.columns)):
        label = names[k] if names else "[%d]" % k
        parts.append("%s = %s" % (label, _text(slots.field(k, i))))
    return "{" + ", ".join(parts) + "}"


def _text(v):
    if isinstance(v, gdb.Value):
        try:
            return v.format_string()
        except gdb.error as e:
            return "<error: %s>" % e
    return str(v)


def _soa_layout(value_type, columns):
    """How to show a row: ('struct', [(offset, size)...]) when T's fields match the columns,
    else ('names', [...]) from generated code, else ('index', None)."""
    t = None
    if value_type is not None:
        try:
            t = _strip(value_type)
        except gdb.error:
            t = None
    if t is not None and t.code == gdb.TYPE_CODE_STRUCT:
        fields = _data_fields(t)
        sizes = [_strip(c.type).target().sizeof for c in columns]
        if (
            len(fields) == len(columns)
            and not _base_fields(t)
            and all(f.bitsize == 0 for f in fields)
            and all(f.type.sizeof == s for f, s in zip(fields, sizes))
            and all(f.bitpos // 8 + s <= t.sizeof for f, s in zip(fields, sizes))
        ):
            return "struct", [(f.bitpos // 8, s) for f, s in zip(fields, sizes)]
        names = [f.name for f in fields]
        if len(names) == len(columns) and all(names):
            return "names", names
    names = _generated_field_names(t, len(columns))
    if names:
        return "names", names
    return "index", None


def _generated_field_names(t, count):
    """soa_generated<T>::field_names, when the debug info has it (only if the program uses it)."""
    if t is None or not t.name:
        return None
    try:
        names = gdb.parse_and_eval("buffers::soa_generated<%s>::field_names" % t.name)
        elems = names[_data_fields(_strip(names.type))[0].name]
        out = []
        for k in range(count):
            sv = elems[k]
            length = int(sv["_M_len"])
            if length > 256:
                return None
            out.append(sv["_M_str"].string(length=length))
        return out
    except (gdb.error, IndexError, RuntimeError, ValueError):
        return None


# --- from a buffer's type to its slots -----------------------------------------------------


def _pointer_in(v, depth=0):
    """The first raw pointer inside v (the pointer of a std::unique_ptr, for instance)."""
    t = _strip(v.type)
    if t.code == gdb.TYPE_CODE_PTR:
        return v
    if depth > 8 or not _is_struct(t):
        return None
    for f in t.fields():
        if not (f.is_base_class or hasattr(f, "bitpos")):
            continue
        p = _pointer_in(v[f], depth + 1)
        if p is not None:
            return p
    return None


def _tuple_elements(v):
    """Elements of a std::tuple, in order (libstdc++ and libc++ layouts)."""
    out = []

    def walk(x, depth):
        t = _strip(x.type)
        if depth > 64 or not _is_struct(t):
            return
        name = _template_name(t)
        if name.endswith("::_Head_base"):
            out.append(x["_M_head_impl"])
            return
        if name.endswith("__tuple_leaf"):
            out.append(x["__value_"])
            return
        bases = _base_fields(t)
        # libstdc++: _Tuple_impl<I, ...> derives from _Tuple_impl<I + 1, ...> and from
        # _Head_base<I, ...>; element I first keeps the order.
        bases.sort(key=lambda f: 0 if _template_name(_strip(f.type)).endswith("::_Head_base") else 1)
        for f in bases:
            walk(x[f], depth + 1)
        if _has_field(t, "__base_"):
            walk(x["__base_"], depth + 1)

    walk(v, 0)
    return out


def _first_array_field(v):
    for f in _data_fields(_strip(v.type)):
        if _strip(f.type).code == gdb.TYPE_CODE_ARRAY:
            return v[f]
    return None


def _array_length(a):
    lo, hi = _strip(a.type).range()
    return hi - lo + 1


def _heap_like(where):
    def make(v, t):
        try:  # the memory-source skeleton (core/memory_source.hpp): start and end address
            last = v["last_"]
        except gdb.error:
            return _PointerSlots(_raw_pointer(v["ptr_"]), int(v["cap_"]), where)
        start = _raw_pointer(v["ptr_"])
        if int(start) % max(_strip(start.type).target().alignof, 1) != 0:
            raise InvalidObject("pointer 0x%x is misaligned" % int(start))
        if int(last) < int(start):
            raise InvalidObject("block ends before it starts")
        return _PointerSlots(start, int(last - start), where)

    return make


def _raw_pointer(p):
    if _strip(p.type).code == gdb.TYPE_CODE_PTR:
        return p
    raw = _pointer_in(p)  # a fancy pointer that wraps a raw one
    if raw is None:
        raise InvalidObject("cannot read pointer type %s" % p.type)
    return raw


def _inline(v, t):
    if _has_field(t, "u_"):  # the slots are in a named union
        slots = v["u_"]["slots_"]
    elif not _has_field(t, "slots_") and not any(not f.name for f in _data_fields(t)):
        return _NoSlots()  # InlineBuffer<T, 0>
    else:
        slots = v["slots_"]
    n = _template_arg(t, 1)
    return _ArraySlots(slots, int(n) if n is not None else _array_length(slots))


def _zst(v, t):
    value_type = _template_arg(t, 0)
    if value_type is None:
        raise InvalidObject("no element type in the debug info of %s" % t)
    return _ZstSlots(value_type, _max_bytes())


def _indirect(v, t):
    inner = v["inner_"]
    slots = slots_of(inner)
    if slots is not None:
        return slots
    p = _pointer_in(inner)  # Inner is a pointer-like to a buffer
    if p is None:
        return None
    if int(p) == 0:
        return _NoSlots()
    return slots_of(p.dereference())


def _svo(v, t):
    if not _has_field(t, "st_"):  # SvoBuffer<B, 0> is B
        return _through_bases(v, t)
    mark = v["limit_"]
    if mark.type.strip_typedefs().code == gdb.TYPE_CODE_BOOL:
        on_large = bool(mark)
    else:  # over a contiguous B: the active storage's end, inside the object while inline
        offset = int(mark) - int(v.address)
        on_large = not 0 < offset <= v.type.strip_typedefs().sizeof
    part = v["st_"]["large" if on_large else "small"]
    active = slots_of(part)
    if active is None:
        return None
    return _SvoSlots(active, on_large)


def _array_buffer(v, t):
    subs = _first_array_field(v["subs_"])
    if subs is None:
        return None
    parts = [slots_of(subs[j]) for j in range(_array_length(subs))]
    if not parts or any(p is None for p in parts):
        return None
    return _ArrayBufferSlots(parts)


def _soa_column_types(value_type, n):
    """The types of T's n columns: its fields, or, where fields are flattened into leaf
    columns, the leaves (struct fields expanded depth first until the count is n)."""
    t = _strip(value_type)
    fields = [f.type for f in _data_fields(t)]
    while len(fields) < n:
        expanded = []
        for ft in fields:
            st = _strip(ft)
            inner = _data_fields(st) if st.code == gdb.TYPE_CODE_STRUCT else []
            expanded.extend([f.type for f in inner] if inner else [ft])
        if len(expanded) == len(fields):
            break
        fields = expanded
    return fields if len(fields) == n else None


def _soa(v, t):
    cols = v["cols_"]
    if _has_field(_strip(cols.type), "at"):
        # One untyped pointer per column (soa_column_array): typed from T's fields.
        at = cols["at"]
        n = _array_length(at)
        types = _soa_column_types(_template_arg(t, 0), n)
        if types is None:
            return None
        columns = [at[k].cast(types[k].pointer()) for k in range(n)]
    else:
        columns = _tuple_elements(cols)
    return _SoaSlots(_template_arg(t, 0), columns, int(v["cap_"]), "heap")


def _inline_soa(v, t):
    n = _template_arg(t, 1)
    capacity = int(n) if n is not None else None
    columns = []
    for column in _tuple_elements(v["storage_"]):
        ct = _strip(column.type)
        if not _has_field(ct, "items") and not any(not f.name for f in _data_fields(ct)):
            return _NoSlots()  # InlineSoaBuffer<T, 0>
        items = column["items"]
        if capacity is None:
            capacity = _array_length(items)
        columns.append(items[0].address)
    return _SoaSlots(_template_arg(t, 0), columns, capacity or 0, "inline")


_BUFFERS = {
    "buffers::HeapBuffer": _heap_like("heap"),
    "buffers::SliceBuffer": _heap_like("slice"),
    "buffers::AllocatorBuffer": _heap_like("allocator"),
    "buffers::PageBuffer": _heap_like("pages"),
    "buffers::StableBuffer": _heap_like("stable"),
    "buffers::InlineBuffer": _inline,
    "buffers::ZstBuffer": _zst,
    "buffers::IndirectBuffer": _indirect,
    "buffers::SvoBuffer": _svo,
    "buffers::ArrayBuffer": _array_buffer,
    "buffers::SoaBuffer": _soa,
    "buffers::InlineSoaBuffer": _inline_soa,
}


def _through_bases(v, t, depth=0):
    for f in _base_fields(t):
        slots = slots_of(v[f], depth + 1)
        if slots is not None:
            return slots
    return None


def slots_of(v, depth=0):
    """Slots of the buffer v, or None when v is not a buffer these printers know."""
    t = _strip(v.type)
    if depth > 32 or not _is_struct(t):
        return None
    make = _BUFFERS.get(_template_name(t))
    if make is not None:
        return make(v, t)
    # A composite: ZstoBuffer, ExponentialGrowthBuffer, AtLeastBuffer, a user's IndirectBuffer.
    return _through_bases(v, t, depth)


# --- collections ---------------------------------------------------------------------------


def _describe_error(e):
    text = str(e) or e.__class__.__name__
    return text.splitlines()[0]


class _CollectionPrinter:
    name = "buffers::?"

    def __init__(self, val):
        self.val = val
        self._state = None

    def display_hint(self):
        return "array"

    def _load(self):
        """(size, capacity, slots, note) or raises."""
        raise NotImplementedError

    def _slot(self, i):
        return i

    def _state_or_error(self):
        if self._state is None:
            try:
                if self.val.is_optimized_out:
                    raise InvalidObject("optimized out")
                self._state = ("ok", self._load())
            except Exception as e:  # a printer must not raise, whatever it reads
                self._state = ("error", _describe_error(e))
        return self._state

    def to_string(self):
        kind, state = self._state_or_error()
        if kind == "error":
            return "%s <%s>" % (self.name, state)
        size, capacity, slots, note = state
        text = "%s of length %d" % (self.name, size)
        if capacity is not None:
            text += ", capacity %d" % capacity
        if note:
            text += " (%s)" % note
        return text

    def children(self):
        kind, state = self._state_or_error()
        if kind == "error":
            return
        size, capacity, slots, note = state
        if slots is None:
            return
        for i in range(_capped(size)):
            try:
                item = slots.element(self._slot(i))
                if isinstance(item, gdb.Value):
                    item.fetch_lazy()  # unreadable memory shows here, not halfway through
            except Exception as e:
                # The elements after an unreadable one are most likely unreadable too.
                yield "[%d]" % i, "<error: %s>" % _describe_error(e)
                return
            yield "[%d]" % i, item


class VectorPrinter(_CollectionPrinter):
    """buffers::Vector<T, B>: size, capacity and elements [0, size)."""

    name = "buffers::Vector"

    def _load(self):
        count = self.val["size_"]
        buf = self.val["buf_"]
        slots = slots_of(buf)
        if _strip(count.type).code == gdb.TYPE_CODE_STRUCT:
            # Contiguous elements: the count is kept as the end address (collections/core.hpp).
            if slots is None:
                raise InvalidObject("unknown buffer %s" % _strip(buf.type))
            size = int(count["end"] - slots.element(0).address)
            if size < 0:
                raise InvalidObject("end before start")
        else:
            size = int(count)
        if slots is None:
            return size, None, None, "elements not shown: unknown buffer %s" % _strip(buf.type)
        if size > slots.capacity:
            raise InvalidObject("length %d > capacity %d" % (size, slots.capacity))
        note = slots.where if isinstance(slots, _SvoSlots) else None
        return size, slots.capacity, slots, note


class DequePrinter(_CollectionPrinter):
    """buffers::Deque<T, B>: elements in logical order, front first (the ring unwrapped)."""

    name = "buffers::Deque"

    def _load(self):
        size = int(self.val["size_"])
        ring = self.val["at_"]  # the ring mapping's state (RingSlots)
        head = int(ring["head"])
        modulus = int(ring["cap"])
        buf = self.val["buf_"]
        slots = slots_of(buf)
        if slots is None:
            return size, None, None, "elements not shown: unknown buffer %s" % _strip(buf.type)
        if modulus > slots.capacity:
            raise InvalidObject("ring of %d slots > capacity %d" % (modulus, slots.capacity))
        if size > modulus:
            raise InvalidObject("length %d > capacity %d" % (size, modulus))
        if head >= max(modulus, 1):
            raise InvalidObject("head %d outside %d slots" % (head, modulus))
        self._head = head
        self._modulus = modulus
        note = slots.where if isinstance(slots, _SvoSlots) else None
        return size, modulus, slots, note

    def _slot(self, i):
        p = self._head + i
        return p - self._modulus if p >= self._modulus else p


# --- registration --------------------------------------------------------------------------


class _Subprinter(gdb.printing.SubPrettyPrinter):
    def __init__(self, name, template, printer):
        super().__init__(name)
        self.template = template
        self.printer = printer


class BuffersPrettyPrinter(gdb.printing.PrettyPrinter):
    """Looks printers up by template name, so every element and buffer type matches."""

    def __init__(self):
        super().__init__(
            "buffers",
            [
                _Subprinter("Vector", "buffers::Vector", VectorPrinter),
                _Subprinter("Deque", "buffers::Deque", DequePrinter),
            ],
        )

    def __call__(self, val):
        try:
            t = _strip(val.type)
        except gdb.error:
            return None
        if t.code != gdb.TYPE_CODE_STRUCT:
            return None
        name = _template_name(t)
        for sub in self.subprinters:
            if sub.enabled and sub.template == name:
                return sub.printer(val)
        return None


def build_printer():
    return BuffersPrettyPrinter()


def register(objfile=None):
    """Registers the printers for objfile (None: for every program GDB loads)."""
    gdb.printing.register_pretty_printer(objfile, build_printer(), replace=True)

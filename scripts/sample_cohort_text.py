"""More of the sample cohort's hand-written text, and how a person marks each piece of it.

make_sample_cohort.py's BANK_TEXT holds two or three phrasings of each key idea of the 35
questions (make_bench_cohort.py draws its sentence pool from it, so it stays as it is). This
file adds, per question, more phrasings of the same ideas written in other voices, more vague
and wrong answers, and a second code snippet, so that 44 candidates can each be given their
own wording. It also records the human marking scheme of every question as data:

    @N                       starts question N (1..35)
    % max P | ITEM P | ...   the question's points and the scheme's key ideas with their points
    % slots ITEM ...         which key idea each idea slot of BANK_TEXT earns (in slot order)
    % code ITEM P ...        what a correct code snippet earns (ideas it shows), if anything
    % weak G ...             the grade of each of BANK_TEXT's vague answers (in order)
    % wrong P ...            the penalty of each of BANK_TEXT's misconceptions (in order)
    |K text                  another phrasing of idea slot K (1-based), worth that slot's idea
    ~G text                  another vague answer, graded G when it is all the answer says
    !P text                  another misconception, costing P points
    + text                   another sound extra detail (any extra earns +1, capped at max)

Every grade here was given by reading the sentence against the model answer of the source
article (../shared/000_3cc30284312955d0.txt) with the scheme of
Rubrics/python-interview.human-grades.md; the rubric was never run to make them.
"""

MORE_TEXT = r"""
@1
% max 10 | scripts 3 | standalone 2 | programs 3 | scope 2
% slots scripts standalone programs scope
% code scripts 1
% weak 1 0
% wrong 3
|1 Scripting to me is the quick stuff: a few lines that rename a batch of photos every Friday or pull numbers out of a log so nobody has to do it manually.
|1 when people say scripting they mean automating chores - backups, downloading reports, tidying directories.
|2 A script is normally one file that you start from the terminal or from cron, it does its steps one after another and quits.
|2 It's usually self-contained and linear, no real architecture, just top to bottom.
|3 Programming is the bigger discipline: designing an application with packages, classes, tests, third-party libraries and frameworks, meant to be maintained for years.
|3 Writing a program means thinking about structure - modules, OOP, error handling, a test suite, maybe Django or another framework.
|4 The language and interpreter are identical, only the size of the job and what you want out of it differ.
|4 So it's not two kinds of Python, it's a question of scale; plenty of my scripts turned into proper programs later.
~1 Scripting is for small things and programming is for big things.
~0 A script is a program written in a scripting language.
~1 Scripting means automating, programming means coding.
!3 Scripting is done in the Python shell only, you can't save a script to a file; programs are saved as .exe files.
+ In my team the nightly data export began as a throwaway script and now has its own repository and CI.

@2
% max 10 | refcount 4 | cycles 4 | gen 2
% slots refcount cycles gen gen
% code cycles 2
% weak 1 1
% wrong 3 3
|1 Every object has a counter of how many names or containers point at it; sys.getrefcount shows it, and when it hits 0 the object is destroyed straight away.
|1 Mostly it is refcounting. When the last reference to an object goes away (del, reassignment, end of function) the memory is released on the spot.
|2 The problem is cycles: if a list contains itself, or two objects refer to each other, the counts never reach zero, so a separate cycle detector periodically searches for such unreachable groups and frees them.
|2 Refcounts can't deal with circular references, so CPython has a second "gc" pass that spots islands of objects referencing only one another.
|3 That collector sorts objects into generations 0, 1 and 2; survivors get promoted, and the older generations are examined less often.
|3 It is generational - young objects are checked frequently, long-lived ones rarely, which keeps the pauses short.
|4 With import gc you can call gc.collect() yourself, turn it off with gc.disable() or tweak gc.set_threshold().
|4 The gc module exposes all of this, e.g. gc.collect() to force a run or gc.get_count() to see the counters.
~1 Memory is freed automatically when you stop using objects.
~0 Python has a garbage collector, like Java.
~1 It deletes objects that nothing uses anymore, in the background.
!3 Garbage collection in Python happens only when the computer runs out of RAM; until then nothing is freed.
+ Because freeing happens at once, files and sockets without a with block are usually closed as soon as the last reference disappears, though you shouldn't rely on it.

@3
% max 10 | list 3 | tuple 3 | hashable 2 | usage 2
% slots list tuple hashable usage
% code tuple 2
% weak 1 0
% wrong 3 3
|1 list = mutable. You can do lst.append(x), lst[2] = 7, del lst[0], it changes in place and can grow.
|1 Lists are the flexible one, you can add, remove and replace items whenever you like.
|2 A tuple can't be modified after you build it; (1, 2, 3) stays (1, 2, 3), assigning to an index is an error.
|2 tuple = immutable, fixed size, written like (a, b) or even just a, b.
|3 Since a tuple never changes it can be hashed (if its items can), so I use tuples as keys in a dict, e.g. a (row, col) key for a grid; a list as a key gives "unhashable type".
|3 Immutability is also why a tuple can go into a set or be a dictionary key and a list can't.
|4 Tuples are slightly lighter and quicker, and they signal "this won't change" - good for records like an RGB colour; lists are for collections you keep editing.
|4 I pick a tuple for fixed data such as function return values or coordinates and a list when items come and go.
~1 One has square brackets and the other round brackets.
~0 A tuple is a list with two elements.
~1 You can change a list but I'm not sure about tuples.
!3 A list can only hold one type of value while a tuple can mix types, that's the main difference.
+ Returning several values from a function, return x, y, actually builds a tuple.

@4
% max 10 | syntax 3 | filter 3 | loop 2 | example 2
% slots syntax filter loop example
% code example 2
% weak 1 0
% wrong 2
|1 It's a one-liner inside square brackets that says what each element should be and where the elements come from: [f(x) for x in data].
|1 A comprehension creates a list by applying an expression to every item of some iterable, all in one bracketed expression.
|2 You can tack on an if to skip items, e.g. keep only the positive ones, and you can chain more than one for.
|2 Filtering is built in: anything failing the trailing if condition is simply left out of the result.
|3 It's the idiomatic replacement for "result = [] / for ... / result.append(...)" - less code, clearer intent, and a little faster too.
|3 Instead of three or four lines with append you get one readable line, and CPython runs it quicker than the manual loop.
|4 e.g. names = [u.name.title() for u in users if u.active] gives the capitalised names of active users only.
|4 Example: lengths = [len(s) for s in ["a", "bb", "ccc"]] results in [1, 2, 3].
~1 A list comprehension is a for loop written inside a list.
~0 It's when Python understands your list.
~1 A faster way to make lists.
!2 A list comprehension returns a generator, so you must wrap it in list() before you can index it.
+ Nested ones like [[0] * 3 for _ in range(3)] are the safe way to build a grid, unlike [[0] * 3] * 3.

@5
% max 10 | shallow 3 | deep 3 | nested 2 | cost 2
% slots shallow deep nested cost
% code nested 2
% weak 1 0
% wrong 3
|1 copy.copy gives you a new container, but the things inside it are the very same objects as in the original, only the outer level is duplicated.
|1 Shallow copy = new outer object, same inner objects (they are shared, not cloned).
|2 deepcopy goes all the way down and clones every nested list, dict or object, so nothing is shared afterwards.
|2 With copy.deepcopy the copy is fully separate: it recursively duplicates the children as well as the parent.
|3 The classic trap: shallow-copy a list of lists, modify an inner list in the copy, and the original changes too; after deepcopy it wouldn't.
|3 So with nested mutable data, edits to inner items leak between a shallow copy and its source; a deep copy protects you from that.
|4 The price of deepcopy is time and memory; it tracks objects already copied in a memo so cycles and shared objects don't blow up.
|4 deepcopy is noticeably slower on big structures, because it visits everything, and it uses a memo dict to cope with self-references.
~1 deepcopy makes a deeper copy than copy.
~0 They both copy, deepcopy is newer.
~1 copy is a normal copy and deepcopy copies everything.
!3 copy.copy() only copies the variable name, the data itself is not copied at all, while deepcopy copies the data.
+ For a flat list of numbers a shallow copy is all you need, since ints are immutable anyway.

@6
% max 10 | threads 3 | gil 3 | processes 2 | iocpu 2
% slots threads gil processes iocpu
% code threads 1
% weak 1 0
% wrong 3
|1 You use the threading module (Thread objects or a ThreadPoolExecutor); all threads run inside the same process and see the same variables.
|1 Threads share one address space in one process, so they can read each other's data directly.
|2 The catch is the GIL: in CPython just one thread executes bytecode at once, so pure-Python number crunching won't speed up with more threads.
|2 Because of the global interpreter lock, threads interleave instead of running Python code side by side on many cores.
|3 multiprocessing spawns separate OS processes, every one with its own interpreter and own memory, so they really do use several CPUs at once.
|3 With multiprocessing each worker is a different process with a private memory space and its own GIL, which gives real parallelism.
|4 Use threads for waiting-heavy tasks like HTTP calls or disk I/O, and processes for heavy computation; processes cost more to start and data must be pickled between them.
|4 I/O bound -> threading, CPU bound -> multiprocessing. Processes are heavier and communicate through queues/pipes.
~1 Threads are inside a process and processes are separate programs.
~0 Multiprocessing uses more processors so it's better.
~1 One uses threads and the other uses processes, they're for doing things in parallel.
!3 Multiprocessing in Python shares all variables between processes automatically, that's why it needs the GIL.
+ Starting a process on Linux uses fork by default, on macOS and Windows spawn, which is why the if __name__ == "__main__" guard matters.

@7
% max 10 | takes 4 | syntax 3 | uses 3 | more 1
% slots takes syntax uses more
% code takes 2 syntax 1
% weak 2 0
% wrong 3
|1 A decorator is just a function that receives another function as its argument and hands back a replacement, normally an inner function that calls the original.
|1 Functions are objects in Python, so a decorator can accept one, define a wrapper around it and return that wrapper.
|2 Putting @my_deco on the line above def f is syntactic sugar for f = my_deco(f).
|2 The @ line means "pass the function below through this decorator and rebind the name to whatever comes back".
|3 I use them to add behaviour without touching the function body: logging calls, measuring time, caching results, checking that a user is logged in (Flask's @login_required).
|3 Common examples: @app.route in Flask, @pytest.fixture, @lru_cache for memoization, retry logic around flaky calls.
|4 Don't forget functools.wraps inside, otherwise the decorated function loses its name and docstring.
|4 The wrapper normally takes *args, **kwargs so it fits any function signature.
~2 Decorators are the @ lines above a function that add some extra functionality.
~0 A decorator is a design pattern for decorating.
~1 They change what a function does.
!3 A decorator runs only once when the program starts and after that the function is executed without it.
+ Stacking several decorators applies them bottom-up, the one nearest the def wraps first.

@8
% max 10 | args 4 | kwargs 4 | usage 2
% slots args kwargs usage usage
% code args 1 kwargs 1
% weak 2 1
% wrong 3
|1 *args lets a function take any number of positional arguments; inside the function they arrive packed into a tuple.
|1 def f(*args) - every extra positional value ends up in the tuple args, e.g. f(1, 2, 3) gives args == (1, 2, 3).
|2 **kwargs does the same for named arguments: f(a=1, b=2) gives kwargs == {'a': 1, 'b': 2}, a dict.
|2 Keyword arguments that don't match a named parameter are collected by **kwargs into a dictionary.
|3 The star syntax also unpacks when you call: print(*items) or connect(**settings). The names args/kwargs are only convention.
|3 Order in the def must be normal params, *args, keyword-only, **kwargs; decorators use both to forward everything unchanged.
~2 *args is for positional arguments and **kwargs is for keyword arguments.
~1 They let you pass more arguments to a function.
~1 One star for a list of arguments and two stars for named ones.
!3 **kwargs means the arguments are passed by reference and *args by value.
+ You can even write def f(*, key) to force key to be given by name.

@9
% max 10 | state 4 | first 3 | later 3 | more 1
% slots state first later more
% code state 2 first 1 later 1
% weak 2 2
% wrong 3
|1 I'd write a decorator that remembers, inside the wrapper's closure (a nonlocal flag) or as wrapper.has_run, whether the function already ran.
|1 The trick is keeping some state in the decorator itself: a boolean that starts as False.
|2 The first time the wrapper is called it flips the flag, calls the original and saves the return value.
|2 On call number one the real function executes and the decorator records that (plus the result).
|3 After that the wrapper doesn't call it again - it returns the saved value, or None, or raises an error if a second call is a bug.
|3 Any later call short-circuits: return the cached result, or raise something like RuntimeError("only once").
|4 Add functools.wraps for the metadata, and wrap the check in a threading.Lock if several threads might race on the first call.
|4 In multithreaded code the flag check needs a lock, otherwise two threads could both run it.
~2 Use a decorator that counts how many times the function was called.
~1 Put a check inside the function so it only works once.
~0 It is not common to do this.
!3 Decorators can't keep state between calls, so you'd have to write the called flag to a file.
+ This is handy for one-time initialisation, like setting up logging or a DB connection.

@10
% max 10 | reuse 4 | override 3 | super 3
% slots reuse override super super
% code reuse 2 super 1
% weak 2 1
% wrong 3
|1 You write class Manager(Employee): and Manager gets everything Employee defines - attributes and methods - without rewriting it.
|1 A subclass names its parent in brackets after the class name and automatically inherits the parent's methods and data.
|2 The child can redefine any method (overriding) and add new ones of its own.
|2 Then the subclass customises: it replaces behaviour it wants to change and extends the class with extra methods.
|3 super() calls up to the parent, most commonly super().__init__(...) so the parent still sets its attributes.
|3 Inside the child, super().method() runs the parent's version, which is how you extend instead of replace.
|4 Multiple inheritance is allowed: class C(A, B), and Python finds methods using the MRO (C3 linearization), see C.__mro__.
|4 A class can have several parents; the method resolution order decides which one wins, left to right, depth-first-ish.
~2 The child class takes the methods of the parent class.
~1 Inheritance is a way to reuse code, it's part of OOP.
~0 You inherit a class with the inherit keyword.
!3 The child class gets a copy of the parent's methods at creation, so later changes to the parent are never seen by the child.
+ isinstance(dog, Animal) is True for a Dog instance, which is handy for type checks.

@11
% max 10 | overloading 3 | nooverload 2 | overriding 4 | super 1
% slots overloading nooverload overriding super
% code nooverload 1 overriding 1
% weak 0 0
% wrong 3
|1 Overloading = same method name, different parameters (count or types), and the right one is chosen by the arguments - that's how Java and C++ do it.
|1 Method overloading is having several versions of one function that differ in their signatures.
|2 Python doesn't really do it: if you define add() twice, the second one overwrites the first. You fake it with default values, *args, or functools.singledispatch.
|2 There's no true overloading in Python because names are rebound - the last def wins - so people use optional arguments or singledispatch instead.
|3 Overriding is a subclass providing its own implementation of a method that the parent already has; calling it on a child object runs the child's version.
|3 When a child class defines a method with the same name as its parent's, that one replaces the parent's for instances of the child - that's overriding.
|4 The overriding method can call super().method() to reuse the parent's logic.
|4 Python picks the method at runtime from the object's class, which makes overriding the basis of polymorphism.
~0 Overloading is when you load too much and overriding is when you ride over something.
~1 Overriding replaces a method, overloading I'm not sure.
~0 They are OOP concepts about methods.
!3 Overriding means you call the same method twice with more arguments, and overloading is when the parent calls the child.

@12
% max 10 | interface 4 | example 4 | pythonic 2
% slots interface example pythonic pythonic
% code example 3
% weak 1 1
% wrong 3
|1 Polymorphism means code can treat different types the same way, through a shared method name, and each type does its own thing.
|1 It's "one interface, many implementations": you call the same method and the object decides how it behaves.
|2 Say Car, Bike and Boat all have move(); for v in vehicles: v.move() works for each, and each moves in its own way.
|2 Example: PdfReport.render() and HtmlReport.render() - a function calling report.render() doesn't care which one it has.
|3 Python uses duck typing for this, no shared base class needed: if it has the method, it works.
|3 Even len() and + are polymorphic: len works on str, list, dict; + adds ints but concatenates strings, via __len__ and __add__.
~1 Many forms of the same thing.
~1 When classes have the same methods.
~0 Polymorphism is an advanced OOP concept.
!3 Polymorphism is when one class inherits from many classes at the same time.
+ It means new classes can be plugged in later without editing the code that uses them.

@13
% max 10 | instance 3 | classm 3 | staticm 3 | more 1
% slots instance classm staticm more
% code instance 1 classm 1 staticm 1
% weak 0 0
% wrong 3
|1 The normal kind: first argument self, the object it was called on, so it can use and modify that object's attributes.
|1 An instance method works on one object's data, through self.
|2 A class method has @classmethod and receives cls, the class; good for class-wide state and for alternative constructors like from_json().
|2 @classmethod gets the class, not an instance, so it is typical for factory methods such as datetime.fromtimestamp.
|3 A static method (@staticmethod) gets no self and no cls at all; it's really a regular function that just lives in the class for tidiness.
|3 @staticmethod = a helper with no access to instance or class, grouped inside the class because it belongs there logically.
|4 Called on a subclass, a classmethod receives that subclass as cls, so alternative constructors work for children too.
|4 You can call any of them as Class.method() or obj.method(); only instance methods need an object to be useful.
~0 Instance methods use instances, class methods use classes, static methods are static.
~0 A static method can't be changed.
~1 Static methods don't use self.
!3 Class methods are private to the class and can't be called from outside it, static methods are public.
+ I use a classmethod constructor, User.from_row(row), in almost every project.

@14
% max 10 | hashtable 3 | slots 3 | fast 2 | consequences 2
% slots hashtable slots fast consequences
% code fast 1
% weak 1 1
% wrong 3
|1 Under the hood a set is a hash table; it is basically a dict without values.
|1 CPython implements set as an array of slots indexed by hash, the same idea as a dictionary's keys.
|2 Adding x: hash(x) picks a slot; if the slot is occupied by something else, Python probes onwards until it finds a free one.
|2 The element's hash decides where it goes in the table, and collisions are handled by looking at further slots.
|3 So `x in s` is O(1) on average instead of O(n) for a list, and a duplicate is never stored twice because it hashes to the same place and compares equal.
|3 Membership, add and discard are constant time on average, and uniqueness falls out of the hash+equality check.
|4 Consequences: only hashable items are allowed (no lists or dicts inside a set), and the order you get back is arbitrary.
|4 Items have to be immutable/hashable, and a set has no order, so you can't index it.
~1 A set only keeps unique values.
~1 It is like a list where duplicates are removed.
~0 Sets are stored in memory like other objects.
!3 A set is a linked list that checks every element before inserting, so adding is slow for big sets.
+ When the table gets about two-thirds full it is resized, so inserts stay cheap on average.

@15
% max 10 | hashtable 3 | lookup 3 | keys 2 | cpython 2
% slots hashtable lookup keys cpython
% code lookup 1
% weak 1 0
% wrong 3
|1 A dictionary is a hash map: key/value pairs stored in a table indexed by the hash of the key.
|1 dicts are implemented as hash tables.
|2 Looking up d[k] hashes k, jumps to the matching slot and compares the key, so reading, writing and deleting are O(1) on average.
|2 Because the hash tells Python where to look, finding a key doesn't get slower as the dict grows (average case).
|3 Keys need a stable hash, so they must be hashable - str, int, tuple of immutables - while the values can be any object.
|3 Mutable things like lists can't be keys, their hash could change; values have no such restriction.
|4 Since 3.7 insertion order is guaranteed; CPython keeps a compact entries array plus a smaller index array, and grows the table when it gets full.
|4 The modern layout (from 3.6) separates a dense list of entries from a sparse hash index, which saves memory and preserves order.
~1 A dict stores values under keys.
~0 It's implemented in C.
~1 Dictionaries are key: value pairs.
!3 Python keeps dictionary keys sorted alphabetically in a tree, that's why lookups are fast.
+ Collisions are resolved by open addressing with a pseudo-random probe sequence.

@16
% max 10 | fields 2 | readable 3 | light 3 | tuple 2
% slots fields readable light tuple
% code fields 1 tuple 1
% weak 1 1
% wrong 3
|1 namedtuple from collections builds a small tuple class with named fields, e.g. Employee = namedtuple("Employee", "name salary").
|1 They're tuples where each position has a name, made with collections.namedtuple or by subclassing typing.NamedTuple.
|2 Code reads much better: emp.salary instead of emp[1], so you don't need to remember what index means what.
|2 The big win is clarity - fields accessed by name document themselves.
|3 They stay immutable, and because there's no __dict__ per instance they are as memory-cheap as ordinary tuples.
|3 Memory-wise they cost the same as a normal tuple, much less than a regular class instance, and nobody can change them by accident.
|4 It is still a tuple, so unpacking, indexing and sorting work, plus _asdict(), _replace() and _fields are available.
|4 They're drop-in replacements wherever a tuple is expected, and _replace() returns a modified copy.
~1 They let you name the items of a tuple.
~1 Named tuples are more readable.
~0 They are tuples with a name.
!3 Named tuples use more memory than dictionaries, because every instance stores its field names again.
+ typing.NamedTuple also lets you add type hints and default values.

@17
% max 10 | try 2 | flow 4 | elsefinally 2 | specific 2
% slots try flow elsefinally specific
% code flow 1 elsefinally 1
% weak 2 2
% wrong 3
|1 The code that could raise goes under try:.
|1 Wrap the part that might throw - parsing, file access, network - in a try block.
|2 When something in try raises, Python abandons the rest of that block and looks for an except that matches the exception's type; the first match handles it, and with no match it keeps propagating.
|2 If an error happens, execution jumps straight to the matching except clause; unmatched exceptions bubble up to the caller.
|3 else: runs only if try finished without an exception, finally: runs no matter what - typically to close or release something.
|3 You can also have finally for cleanup that always runs, and else for the success path.
|4 Catch the specific exception you expect (except KeyError:), never a bare except that would hide bugs and even KeyboardInterrupt.
|4 Good practice is narrow except clauses, e.g. except FileNotFoundError, instead of catching everything.
~2 It stops the program from crashing when there is an error.
~1 You put code in try and errors in except.
~2 If the code in try fails, the except part is executed instead.
!3 After the except block runs, Python goes back and retries the try block until it succeeds.
+ except (TypeError, ValueError) as e: handles several types in one clause.

@18
% max 10 | raise 3 | assert 3 | stripped 2 | validate 2
% slots raise assert stripped validate
% code raise 1 assert 1
% weak 0 1
% wrong 3
|1 raise throws an exception on purpose, you pick the class and message: raise PermissionError("not allowed").
|1 With raise you trigger an exception yourself whenever your code decides something is wrong.
|2 assert expr, "msg" does nothing if expr is true and raises AssertionError if it's false.
|2 An assert checks a condition and fails with AssertionError when it doesn't hold.
|3 Asserts can be switched off: run python with -O and every assert is removed, so they're for sanity checks while developing, not real validation.
|3 They're meant for "this can't happen" invariants and tests, since optimised mode (-O) skips them entirely.
|4 For real checks - user input, config files, API responses - use if ... raise, which always runs.
|4 Validation that must happen in production should be explicit with raise, never assert.
~0 raise is for raising and assert for asserting.
~1 Both stop the program with an error.
~1 assert is used in tests.
!3 assert is faster than raise because it is checked at compile time instead of at runtime.
+ pytest rewrites plain assert statements so failures show both values.

@19
% max 10 | mode 4 | bytes 3 | write 2 | more 1
% slots mode bytes write more
% code mode 2 write 1
% weak 1 1
% wrong 3
|1 Pass a b in the mode: open(path, "rb") to read bytes, open(path, "wb") to write them.
|1 The mode string decides it - rb for reading binary, wb for writing, ab for appending.
|2 In binary mode you get bytes back, not str, and nothing is decoded or converted (no newline translation).
|2 f.read() then returns a bytes object; no text encoding is involved.
|3 To write, give f.write() bytes, e.g. b"\x89PNG" or "text".encode("utf-8").
|3 write() in binary mode refuses str, you need bytes or a bytearray.
|4 For structured binary data use struct.pack/unpack, and read big files in chunks with f.read(4096).
|4 Always with a with block so the file is closed; pickle is another option for Python objects.
~1 You open it with rb.
~1 Binary files are read with open() too but in a special mode.
~0 Binary files contain 0 and 1 so you read them bit by bit.
!3 You need to install a special module like binaryio, the built-in open() can only handle text files.
+ Images, zip files and compiled data all need binary mode.

@20
% max 10 | protocol 3 | closed 4 | advantages 2 | general 1
% slots protocol closed advantages general
% code closed 2
% weak 0 1
% wrong 3
|1 with calls the object's __enter__ at the start and its __exit__ at the end - that's the context manager protocol.
|1 It works with any context manager, i.e. something implementing __enter__ and __exit__.
|2 For files it means the file gets closed as soon as the block is left, even if an exception was thrown in the middle.
|2 with open(p) as f: ... and f is closed for you afterwards, whether the code succeeded or crashed.
|3 You don't need try/finally and f.close(), so it's shorter, and you can't leak file handles by forgetting.
|3 It's safer and more readable than manual open/close; no leaked descriptors.
|4 It's not only files: locks, DB transactions, tempfile, and you can write your own with contextlib.contextmanager.
|4 threading.Lock, sqlite3 connections and decimal contexts all support with as well.
~1 It closes the file for you.
~0 with is used to open files.
~1 It's a better way to open files.
!3 with opens the file in a separate thread so the main program doesn't have to wait for it.
+ Several managers fit in one statement: with open(a) as src, open(b, "w") as dst:.

@21
% max 10 | define 2 | module 3 | classbased 3 | alternatives 2
% slots define module classbased alternatives
% code classbased 2
% weak 2 0
% wrong 3
|1 Singleton = only ever one instance, shared by everyone who asks for it.
|1 It is the pattern where a class (or object) exists exactly once in the program.
|2 Easiest: put the shared state in a module. Python imports a module once, keeps it in sys.modules, and every later import gets that same object.
|2 Modules are natural singletons - the code runs on first import and then the cached module is reused, so config.py with module variables is effectively a singleton.
|3 With a class, keep the instance in a class attribute and return it from __new__ if it already exists.
|3 Or override __new__: check cls._instance, create it only the first time, and always return it.
|4 A metaclass or a decorator that caches the instance works as well, though many consider it over-engineering.
|4 You could also use a classmethod get_instance(); but singletons are global state, which makes tests harder.
~2 Create one instance and import it everywhere.
~1 A singleton has only one object.
~0 Use the singleton keyword on the module.
!3 You make a module a singleton by naming it singleton.py, Python then only lets one file import it.
+ The logging module is a good real example: logging.getLogger("app") always returns the same logger.

@22
% max 10 | generators 3 | slots 3 | arrays 2 | other 2
% slots generators slots arrays other
% code generators 1 slots 1
% weak 0 0
% wrong 3
|1 Stream instead of materialising: iterate over the file line by line and use generator expressions rather than building huge lists.
|1 Generators (yield, or (x for x in ...)) produce items on demand so the whole dataset is never in memory at once.
|2 For classes with millions of instances, __slots__ gets rid of the per-instance dict and saves a lot.
|2 __slots__ = ("a", "b") in a class removes __dict__, which makes each object much smaller.
|3 Numbers belong in array.array or NumPy, which pack them as raw C values instead of separate int objects.
|3 Use numpy arrays (or the array module) for big numeric data.
|4 Drop references you don't need (del big_list), and find the heavy parts with tracemalloc or memory_profiler.
|4 Measure first with tracemalloc, and free big temporary objects as soon as you are done with them.
~0 Don't use too much memory.
~0 Use a computer with more RAM.
~1 Delete variables you don't need.
!3 Converting all your lists to dictionaries halves the memory, because dictionaries are compressed.
+ sys.getsizeof and pympler help to see how big objects really are.

@23
% max 8 | findall 3 | pattern 3 | pitfalls 2
% slots findall pattern pitfalls pitfalls
% code findall 2 pattern 2
% weak 1 1
% wrong 2
|1 re.findall(regex, s) scans the whole string and returns a list with every match.
|1 I'd use findall from the re module, which gives all matches as a list of strings.
|2 Pattern something like r"\b[\w.%+-]+@[\w.-]+\.[a-zA-Z]{2,}\b": name part, @, domain, dot and a TLD.
|2 The regex needs a local part of letters, digits and . _ % + -, then @, then a domain containing at least one dot.
|3 Use a raw string r"..." for the pattern, and watch out - capturing groups make findall return only the group, so use (?:...).
|3 Remember no regex matches every valid address from the RFC, this is a practical approximation.
~1 Use a regex that matches the @ sign.
~1 Use the re module.
~0 You can split the string on spaces.
!2 re.search returns a list of all the matches in the text.
+ re.compile the pattern once if you run it over many strings.

@24
% max 10 | creational 3 | mechanism 3 | coupling 2 | python 2
% slots creational mechanism coupling python
% code mechanism 2 python 1
% weak 1 1
% wrong 3
|1 It's a creational design pattern: something else decides which concrete class to instantiate, and the caller just asks for "a thing of this kind".
|1 The Factory pattern moves object creation out of the client; it requests an object and doesn't hard-code the class.
|2 In practice a function like get_shape("circle") looks at its argument and returns Circle() or Square() accordingly.
|2 A factory method takes some input - a string, a config entry - and builds the matching subclass instance.
|3 Callers depend only on the interface, so adding a new type means editing the factory, not every place that creates objects.
|3 It keeps code loosely coupled and puts the "which class?" decision in one spot.
|4 In Python, classes are objects, so a dict of name -> class, or a @classmethod constructor, is often all the factory you need.
|4 Pythonic factories are often just classmethods (from_csv, from_dict) or a mapping of keys to classes.
~1 A factory is a function that creates objects.
~1 It's one of the design patterns.
~0 Factory is used in factories and manufacturing software.
!3 The factory pattern means the objects are created when the program is compiled, so no classes are created at runtime.
+ Serializers chosen by file extension are a typical use.

@25
% max 10 | iterator 3 | generator 3 | lazy 2 | relation 2
% slots iterator generator lazy relation
% code iterator 1 generator 1
% weak 0 0
% wrong 3
|1 An iterator is an object with __next__ (and __iter__ returning itself); each next() returns a value until it raises StopIteration.
|1 Iterators follow a protocol: __iter__ and __next__, usually a class that keeps track of where it is.
|2 A generator is a function with yield in it; calling it gives you a generator object you can loop over.
|2 Generators are defined like normal functions but use yield instead of return, and they produce an iterator for you.
|3 Between yields the function's locals are frozen and it resumes where it left off, so values are computed only when asked for.
|3 They're lazy - nothing runs until next() is called, and memory stays small.
|4 So every generator is an iterator, but an iterator doesn't have to be a generator; generators are the short way of writing one.
|4 Generators are a special, concise kind of iterator - much less boilerplate than writing the class.
~0 A generator generates and an iterator iterates.
~0 Both are used to loop.
~1 Generators use yield.
!3 An iterator can be restarted any number of times, a generator can't because it is a function.
+ Generator expressions like (x * 2 for x in data) are the one-line version.

@26
% max 10 | attribute 4 | setter 3 | encapsulation 2 | descriptor 1
% slots attribute setter encapsulation descriptor
% code attribute 2 setter 1
% weak 1 2
% wrong 3
|1 Decorating a method with @property lets you read it like an attribute - obj.total, no parentheses - while a method computes the value.
|1 It makes a method behave like a read-only field: you write c.area and the getter runs.
|2 A matching @total.setter method runs on assignment, so you can validate or transform the value; @total.deleter handles del.
|2 Add @x.setter to allow obj.x = value and check it there, e.g. reject negative numbers.
|3 The public interface stays plain attributes while the class controls access; you can turn a simple attribute into a property later without breaking any caller.
|3 It's encapsulation without Java-style get_x()/set_x() - callers don't know or care that a method runs.
|4 property is implemented as a descriptor (__get__/__set__) on the class.
|4 Technically property() is a built-in descriptor; the @ form is just sugar for x = property(getter).
~1 @property creates a property.
~2 It's like getters and setters.
~0 It is used in classes.
!3 @property caches the method's result forever, so the method only runs the first time.
+ A property without a setter raises AttributeError when you try to assign to it.

@27
% max 10 | framework 3 | routes 3 | json 2 | running 2
% slots framework routes json running
% code routes 2 json 1
% weak 0 2
% wrong 3
|1 I'd pick a framework, Flask for something tiny or FastAPI if I want validation and docs for free.
|1 Use FastAPI or Flask (or Django REST framework if the project is already Django).
|2 You define routes: a URL path plus an HTTP verb mapped to a function, e.g. @app.get("/books/{book_id}").
|2 Each endpoint is a function decorated with its path and methods, GET to read, POST to create, PUT/DELETE to change or remove.
|3 The handler reads the JSON body or query params and returns JSON, with the right status code - 201 for created, 404 when missing.
|3 Return JSON responses (jsonify in Flask, plain dicts in FastAPI) and meaningful HTTP status codes.
|4 flask run or uvicorn main:app --reload for development; in production gunicorn/uvicorn workers behind nginx.
|4 Locally run the dev server, then deploy behind a proper WSGI or ASGI server.
~0 Make an API that follows REST.
~2 I would use Flask or Django.
~1 REST APIs use HTTP.
!3 REST APIs can only return HTML pages, so the client has to parse the HTML to get the data.
+ FastAPI generates OpenAPI docs at /docs automatically.

@28
% max 10 | post 3 | payload 3 | response 3 | timeout 1
% slots post payload response timeout
% code post 2 payload 1 response 1
% weak 2 1
% wrong 3
|1 After pip install requests: resp = requests.post("https://example.com/api", ...).
|1 The call is requests.post with the URL as the first argument.
|2 Send JSON with json={...}, form data with data={...}, uploads with files={"file": open(...)}, and extra headers via headers=.
|2 json= serialises a dict and sets Content-Type for you; data= sends form-encoded fields; headers= for tokens.
|3 You get a Response: resp.status_code, resp.raise_for_status() to turn 4xx/5xx into exceptions, resp.json() for the body.
|3 Then check the status code (or raise_for_status) and read resp.json() or resp.text.
|4 Pass timeout= every time, and use a Session for many calls to the same host.
|4 A Session object reuses the TCP connection; a timeout stops it hanging.
~2 requests.post(url, data).
~1 You call the post function.
~0 It sends a request to the server.
!3 requests.post automatically retries until the server answers with 200, so you never need to check the status.
+ Authentication helpers exist too, e.g. auth=("user", "pass").

@29
% max 10 | driver 3 | connect 3 | cursor 3 | close 1
% slots driver connect cursor close
% code connect 2 cursor 2
% weak 1 0
% wrong 3
|1 pip install psycopg2-binary (or psycopg for version 3) - that's the usual driver.
|1 You need a driver library; psycopg2 is the standard one for Postgres.
|2 conn = psycopg2.connect("dbname=app user=me password=... host=db.local") with a DSN, or keyword arguments.
|2 psycopg2.connect takes host, port, database name, user and password and gives back a connection.
|3 Then cur = conn.cursor(); cur.execute("SELECT ... WHERE id = %s", (id,)); rows = cur.fetchall(); and conn.commit() after inserts or updates.
|3 Through a cursor you execute parameterised queries (never f-strings - SQL injection), fetch the results and commit.
|4 Close everything at the end, preferably with with blocks; for bigger apps SQLAlchemy or a pool on top.
|4 In real code I'd use a connection pool or SQLAlchemy instead of raw connections.
~1 Use a library to connect with the database URL.
~0 With SQL queries.
~0 Install PostgreSQL and then connect.
!3 You connect with requests.get("postgres://...") because PostgreSQL is a web service.
+ Credentials should come from environment variables, not be hard-coded.

@30
% max 10 | maps 3 | sql 3 | popular 2 | tradeoffs 2
% slots maps sql popular tradeoffs
% code maps 2
% weak 1 0
% wrong 3
|1 An ORM links tables and classes: each class is a table, each instance a row, attributes are columns.
|1 Object-relational mapping maps your Python classes onto database tables.
|2 You query with Python code like User.objects.filter(age__gt=30) and the ORM writes the SQL for you.
|2 Instead of writing SQL strings you call methods on model classes, and the ORM translates them to SQL.
|3 The most popular one is SQLAlchemy; Django has its own ORM built in.
|3 SQLAlchemy, Django ORM, Peewee, and Tortoise for async.
|4 Pros: less boilerplate, safer against injection, easier to change database. Cons: overhead and surprises like N+1 queries.
|4 They make development faster but hide what SQL runs, so performance needs care.
~1 ORMs make working with databases easier.
~0 ORM means object oriented.
~1 It's a library between Python and the database.
!3 An ORM converts Python code to C to make database calls faster.
+ Migrations (Alembic, Django migrations) usually come with the ORM.

@31
% max 10 | cprofile 4 | output 3 | tools 3
% slots cprofile output tools tools
% code cprofile 2 output 1
% weak 1 1
% wrong 3
|1 python -m cProfile myscript.py is where I start - cProfile ships with Python.
|1 The standard library has cProfile; run your program under it or call cProfile.run().
|2 It shows per function: ncalls, tottime (own time), cumtime (including callees); sort by cumtime with pstats to see the bottleneck.
|2 Save the stats to a file and use pstats to sort them, then look at which functions eat the most cumulative time.
|3 timeit for tiny snippets, line_profiler when I need line-by-line numbers, memory_profiler or tracemalloc for memory.
|3 Other tools: py-spy (sampling, no code changes), scalene, snakeviz for a visual view.
~1 Check how long each part takes.
~1 Use time.time() before and after.
~0 Profile it with a profiler.
!3 You profile a script by running it with python -v, which prints the time of each line.
+ Only optimise what the profiler shows is slow.

@32
% max 10 | mutex 4 | why 2 | effect 2 | workarounds 2
% slots mutex why effect workarounds
% code effect 1
% weak 1 0
% wrong 3
|1 The GIL is one big lock inside CPython: a thread must hold it to run Python bytecode, so only one thread runs Python code at a time.
|1 It's a mutex around the interpreter - whichever thread holds it executes bytecode, the others wait.
|2 It exists because CPython's memory management (reference counting) isn't thread-safe by itself; one lock is simpler and fast for single-threaded code.
|2 Reason: it protects the interpreter's internal state and refcounts, and makes writing C extensions easier.
|3 Effect: CPU-bound threads get no speed-up, but threads waiting on I/O release the GIL, so I/O-heavy programs still gain from threads.
|3 Threads can't use more cores for Python computation, although blocking I/O drops the lock so network-bound threads are fine.
|4 Work around it with multiprocessing, with native code that releases the GIL (NumPy), or the free-threaded build of 3.13.
|4 For CPU work: separate processes, C extensions, or alternatives; 3.13 has an experimental no-GIL option.
~1 It's a lock that makes threads wait.
~0 The GIL is a Python library.
~1 It's the reason threads are slow in Python.
!3 The GIL is a security feature that stops other programs from reading Python's memory.
+ PyPy has a GIL too; Jython and IronPython don't.

@33
% max 10 | coroutine 3 | loop 3 | vsthreads 2 | io 2
% slots coroutine loop vsthreads io
% code coroutine 1 loop 1
% weak 0 0
% wrong 3
|1 async def makes a coroutine function; inside it, await waits for another awaitable and lets other work run meanwhile.
|1 Calling an async def function gives a coroutine object; await pauses it until the result arrives.
|2 An event loop (asyncio.run) drives all the coroutines in one thread, switching only when one of them awaits - cooperative multitasking.
|2 There's a single thread and an event loop that picks the next ready task whenever the current one hits an await.
|3 Threads are switched by the OS at any instruction and need locks; with async you know exactly where switches can happen, and a coroutine is far cheaper than a thread.
|3 Unlike threading, nothing preempts you between awaits, so race conditions are rarer, and you can have thousands of tasks cheaply.
|4 Great for lots of concurrent I/O (web requests, sockets); useless for CPU-heavy work, and one blocking call freezes everything, so you need async libraries like aiohttp.
|4 It only helps I/O-bound code; a time.sleep() or heavy loop inside a coroutine blocks the whole loop.
~0 async/await is used for asynchronous programming.
~1 It lets the program do other things while waiting.
~0 Async is newer and better than threads.
!3 await starts a new thread for the function, so async code is just threads with nicer syntax.
+ asyncio.gather runs several coroutines concurrently and collects their results.

@34
% max 10 | executors 3 | choice 2 | futures 3 | lifecycle 2
% slots executors choice futures lifecycle
% code executors 1 futures 2 lifecycle 1
% weak 0 1
% wrong 3
|1 concurrent.futures gives two executors, ThreadPoolExecutor and ProcessPoolExecutor, which run your functions on a pool of workers.
|1 It's a high-level API: you hand callables to an executor and it runs them on threads or processes for you.
|2 Threads for I/O-bound jobs, processes for CPU-bound ones (they get round the GIL).
|2 I take the thread pool for downloads and the process pool for number crunching.
|3 pool.submit(func, x) returns a Future right away; .result() blocks until it's done; as_completed() gives futures in finishing order.
|3 Each submit gives a Future; you call result() on it, or loop over as_completed, or use executor.map for ordered results.
|4 Use it as a context manager so the pool shuts down and waits for the tasks; set max_workers for the pool size.
|4 with ProcessPoolExecutor(max_workers=4) as ex: ... ensures clean shutdown; exceptions from workers come back when you call result().
~0 It's for concurrency.
~1 You create an executor and give it tasks.
~1 It runs functions in the background.
!3 concurrent.futures predicts the future results of a function so it can skip running it.
+ map() on an executor keeps the input order, as_completed does not.

@35
% max 10 | django 3 | flask 3 | usecase 2 | scale 2
% slots django flask usecase scale
% code
% weak 1 0
% wrong 3
|1 Django comes with everything: ORM, admin panel, auth, migrations, forms, templates - batteries included.
|1 Django is the full-featured one, it has its own ORM and an admin site out of the box.
|2 Flask is a microframework: routing and templates, everything else (DB, auth) you add with extensions you choose.
|2 Flask is minimal and flexible - you assemble your own stack from extensions like Flask-SQLAlchemy.
|3 Django for big data-driven sites with users, admin and lots of standard features; Flask for small APIs, microservices and prototypes.
|3 I'd choose Django for a large CMS or shop and Flask for a small service or when I want full control.
|4 Both scale fine - Instagram runs Django - scaling depends on architecture: more app servers, caching, a good database.
|4 Scalability is about the deployment (load balancer, caching, DB), not really the framework; either can handle heavy traffic.
~1 Django is for large projects, Flask for small ones.
~0 Flask is newer than Django.
~1 Django has more features.
!3 Django can't be used for APIs, only for websites with HTML pages.
+ FastAPI is a third option these days, especially for async APIs.
"""

# A second snippet per question where the bank has one: people who write code rarely write
# the same code. Each shows the same idea as the bank's snippet, so it earns the same marks.
CODE_ALT = {
    1: '''import csv, sys

total = 0
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        total += float(row["amount"])
print(f"total: {total:.2f}")''',
    2: '''import gc

lst = []
lst.append(lst)      # the list refers to itself
del lst
gc.collect()         # the cycle collector frees it''',
    3: '''coords = (52.5, 13.4)
visited = {coords: "Berlin"}     # tuple works as a key
stops = ["Berlin"]
stops.append("Prague")           # list grows
# coords[0] = 0  -> TypeError''',
    4: '''words = ["Apple", "", "kiwi", "Fig"]
short = [w.lower() for w in words if 0 < len(w) <= 4]
# ['kiwi', 'fig']''',
    5: '''import copy

cfg = {"servers": ["a", "b"]}
c1 = copy.copy(cfg)
c2 = copy.deepcopy(cfg)
cfg["servers"].append("c")
print(c1["servers"], c2["servers"])  # ['a', 'b', 'c'] ['a', 'b']''',
    6: '''import threading, multiprocessing

def crunch(n):
    return sum(range(n))

threading.Thread(target=crunch, args=(10_000,)).start()
multiprocessing.Pool(2).map(crunch, [10_000, 20_000])''',
    7: '''def log_calls(fn):
    def inner(*a, **kw):
        print("calling", fn.__name__)
        return fn(*a, **kw)
    return inner

@log_calls
def greet(name):
    return "hi " + name''',
    8: '''def total(*nums, **opts):
    s = sum(nums)
    return round(s, opts.get("digits", 2))

total(1.234, 2.5, digits=1)''',
    9: '''def run_once(f):
    def inner(*a, **kw):
        if not inner.done:
            inner.done = True
            return f(*a, **kw)
    inner.done = False
    return inner''',
    10: '''class Vehicle:
    def __init__(self, wheels):
        self.wheels = wheels

class Bike(Vehicle):
    def __init__(self):
        super().__init__(2)''',
    11: '''class Printer:
    def show(self, x, y=None):       # "overloading" with a default
        return x if y is None else (x, y)

class ColourPrinter(Printer):
    def show(self, x, y=None):       # overriding
        return "colour: " + str(super().show(x, y))''',
    12: '''class Dog:
    def speak(self): return "woof"

class Cat:
    def speak(self): return "meow"

for pet in [Dog(), Cat()]:
    print(pet.speak())''',
    13: '''class Temp:
    unit = "C"
    def __init__(self, deg): self.deg = deg
    def show(self): return f"{self.deg}{self.unit}"
    @classmethod
    def from_f(cls, f): return cls((f - 32) * 5 / 9)
    @staticmethod
    def valid(d): return d > -273.15''',
    14: '''seen = set()
for word in ["a", "b", "a"]:
    if word in seen:        # hash lookup, O(1)
        print("dup", word)
    seen.add(word)''',
    15: '''ages = {}
ages["ann"] = 31          # hash("ann") picks the slot
print(ages.get("bob", 0))
# ages[["x"]] = 1  -> TypeError: unhashable type: 'list' ''',
    16: '''from typing import NamedTuple

class Row(NamedTuple):
    name: str
    score: int = 0

r = Row("ann", 9)
print(r.name, r[1], r._asdict())''',
    17: '''try:
    f = open("settings.ini")
except FileNotFoundError:
    settings = {}
else:
    settings = parse(f.read())
finally:
    print("loaded")''',
    18: '''def withdraw(balance, amount):
    if amount > balance:
        raise ValueError("insufficient funds")
    new = balance - amount
    assert new >= 0
    return new''',
    19: '''with open("photo.jpg", "rb") as src, open("copy.jpg", "wb") as dst:
    while chunk := src.read(65536):
        dst.write(chunk)''',
    20: '''with open("log.txt", "a") as log:
    log.write("started\\n")
print(log.closed)   # True''',
    21: '''# settings.py - imported once, shared everywhere
DEBUG = False
cache = {}

# elsewhere: import settings; settings.cache["k"] = 1''',
    22: '''import array

readings = array.array("d", (float(i) for i in range(1_000_000)))

class Point:
    __slots__ = ("x", "y")''',
    23: '''import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")
print(EMAIL.findall("ann@example.com, bob@mail.example.org"))''',
    24: '''class Circle: ...
class Square: ...

def shape_factory(name):
    shapes = {"circle": Circle, "square": Square}
    return shapes[name]()''',
    25: '''it = iter([1, 2, 3])
print(next(it))          # 1, an iterator

def evens(limit):
    for n in range(0, limit, 2):
        yield n          # a generator''',
    26: '''class Account:
    def __init__(self):
        self._balance = 0

    @property
    def balance(self):
        return self._balance

    @balance.setter
    def balance(self, v):
        if v < 0:
            raise ValueError("negative")
        self._balance = v''',
    27: '''from fastapi import FastAPI

app = FastAPI()
books = {1: {"title": "Dune"}}

@app.get("/books/{book_id}")
def get_book(book_id: int):
    return books[book_id]''',
    28: '''import requests

resp = requests.post("https://httpbin.org/post",
                     data={"user": "ann"}, timeout=10)
if resp.status_code == 200:
    print(resp.json()["form"])''',
    29: '''import psycopg2

with psycopg2.connect("dbname=app user=me") as c:
    with c.cursor() as k:
        k.execute("INSERT INTO t (name) VALUES (%s)", ("x",))
# commit happens when the with block ends''',
    30: '''class Book(models.Model):          # Django ORM
    title = models.CharField(max_length=200)

Book.objects.filter(title__startswith="D")''',
    31: '''python -m cProfile -s tottime app.py
# or
python -m timeit "sum(range(1000))"''',
    32: '''import threading, time

def spin():
    x = 0
    for _ in range(5_000_000):
        x += 1

start = time.time()
ts = [threading.Thread(target=spin) for _ in range(4)]
[t.start() for t in ts]; [t.join() for t in ts]
print(time.time() - start)   # about the same as running them in sequence''',
    33: '''import asyncio

async def tick(name):
    for i in range(3):
        print(name, i)
        await asyncio.sleep(0.1)

async def main():
    await asyncio.gather(tick("a"), tick("b"))

asyncio.run(main())''',
    34: '''from concurrent.futures import ProcessPoolExecutor

def square(n):
    return n * n

with ProcessPoolExecutor() as ex:
    print(list(ex.map(square, range(8))))''',
}

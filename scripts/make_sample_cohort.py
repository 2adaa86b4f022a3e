#!/usr/bin/env python3
"""Write the bundled sample cohort into Submissions/, and its human grades.

44 fictional candidates answer the 35 Python interview questions of the sample
rubric (q01..q35, in the order of ../shared/000_3cc30284312955d0.txt), each in
their own words. Answers are made of hand-written sentences: per question,
four to eight phrasings of every key idea, vague answers, misconceptions, extra
details and two code snippets (BANK_TEXT below and sample_cohort_text.py). A
candidate's ability decides each answer's quality (strong, partial, weak,
wrong, off-topic, another question's answer, don't know, blank); their voice
decides the rest: how much they write, word choice, British or American
spelling, misspellings, curly quotes, bullets, line wrapping, renamed variables.
Of several wordings tried for each answer, the one least like anybody's earlier
answer to that question is kept, so honest candidates share no long runs of
words. Two copies are planted: sofia-rossi (c021) copies 14 answers of
maya-cohen (c014), lightly edited; yara-haddad rewords 5 answers of elif-demir
(c025).

Every sentence carries the mark a person gave it by reading it against the
model answer (sample_cohort_text.py, Rubrics/python-interview.human-grades.md);
an answer's human grade follows from its sentences (human_grade()), and the
grades are written to Rubrics/python-interview.human-grades.csv.

Layouts: one Markdown or text file per candidate (with or without front matter,
five heading styles), and six candidates as a folder with one file per
question. A few files use CRLF line endings or a UTF-8 BOM.

The output is deterministic: the same script writes the same bytes every run
(fixed seeds, per-candidate random.Random, no time or hash-order dependence).

Usage:
    python3 scripts/make_sample_cohort.py            # rewrites Submissions/ and the human grades
    python3 scripts/make_sample_cohort.py --out DIR [--grades CSV]  # somewhere else
    python3 scripts/make_sample_cohort.py --key key.csv   # also write intended quality labels

Before writing, it deletes what it generated earlier: the top-level *.md and
*.txt files of the output folder and sub-folders that hold only such files.
Anything else (dotfiles, CSV/XLSX exports) is left alone.

Python 3.11 standard library only. The bank is also imported by
make_bench_cohort.py (parse_bank(), PROMPTS, CODE, OFF_TOPIC...).
"""

from __future__ import annotations

import argparse
import csv
import re
import random
import shutil
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

sys.dont_write_bytecode = True   # no __pycache__ inside the repo
sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_cohort_text import CODE_ALT, MORE_TEXT  # noqa: E402

SEED = "grader-sample-cohort-v1"
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "Submissions"
DEFAULT_GRADES = REPO / "Rubrics" / "python-interview.human-grades.csv"

# --------------------------------------------------------------------------
# The 35 prompts, as in the source (its curly apostrophes kept).
# --------------------------------------------------------------------------
PROMPTS = [
    "What is Python scripting, and how does it differ from Python programming?",
    "How does Python’s garbage collection work?",
    "Explain the difference between a list and a tuple",
    "What are list comprehensions and give an example of their usage?",
    "Describe the difference between deepcopy and copy?",
    "How is multithreading achieved in Python and how does it differ from multiprocessing?",
    "What are decorators and how are they used in Python?",
    "Explain the differences between *args and **kwargs?",
    "How would you ensure a function can only be called once using decorators?",
    "How does inheritance work in Python?",
    "What is method overloading and overriding?",
    "Describe the concept of polymorphism with an example.",
    "Explain the difference between instance, class, and static methods.",
    "Describe how a Python set works internally.",
    "How is a dictionary implemented in Python?",
    "Explain the benefits of using named tuples.",
    "How does the try-except block work?",
    "What is the difference between raise and assert statements?",
    "How do you read and write data from a binary file in Python?",
    "Explain the with statement and its advantages when working with file I/O.",
    "How would you create a singleton module in Python?",
    "Name a few ways to optimize memory usage in a Python script.",
    "How would you extract all email addresses from a given string using regex?",
    "Explain the Factory design pattern and its application in Python",
    "What is the difference between an iterator and a generator?",
    "How does the @property decorator work?",
    "How would you create a basic REST API in Python?",
    "Describe how to use the requests library to make an HTTP POST request.",
    "How would you connect to a PostgreSQL database using Python?",
    "What’s the role of ORMs in Python and name a popular one?",
    "How would you profile a Python script?",
    "Explain the GIL (Global Interpreter Lock) in CPython",
    "Explain Python’s async/await. How is it different from traditional threading?",
    "Describe how you would use Python’s concurrent.futures.",
    "Compare Django and Flask in terms of use case and scalability.",
]
NQ = len(PROMPTS)

# --------------------------------------------------------------------------
# Answer bank, written by hand from the facts of the model answers.
#   @N      starts question N
#   =       a key idea (first phrasing)     |  another phrasing of that idea
#   +       an optional elaboration         ~  a weak, vague answer
#   !       a misconception (the first one of each question is the canonical one)
# --------------------------------------------------------------------------
BANK_TEXT = r"""
@1 scripting vs programming
= Python scripting usually means writing short programs that automate a repetitive job, such as renaming files, parsing logs or moving data between systems.
| A script is a small piece of Python written to automate a task: clean up a folder, call an API, transform a CSV file.
| Scripting is the lightweight use of Python to glue things together and automate chores that you would otherwise do by hand.
= Scripts tend to be stand-alone files that run from top to bottom as a sequence of steps, often without much structure.
| Most scripts are a single file you run from the command line; they execute their steps in order and then exit.
= Python programming in the wider sense means building larger applications with modules, classes, libraries, frameworks, tests and proper design.
| Programming is about bigger, long-lived software: structured code split into packages, using frameworks and best practices like testing and code review.
= It is the same language and the same interpreter either way; the difference is the scope and the goal, not the syntax.
| Nothing in the language separates the two — a script can grow into a program, so the distinction is really about size and intent.
+ Quick prototypes are often written as scripts first and refactored into a proper program once the idea works.
+ For example, a 30-line script that emails a daily report is scripting, while the web service behind the report is programming.
~ Scripting is basically the easy version of programming. Both are Python.
~ Scripting is when you write scripts and programming is when you write programs, I think they are mostly the same.
! Python scripts are interpreted line by line, while Python programs are compiled to machine code before they run, which is why programs are faster.

@2 garbage collection
= CPython mainly uses reference counting: every object keeps a count of the references pointing to it, and when the count drops to zero its memory is freed immediately.
| Each object carries a reference count; binding it to a name increases the count, deleting the name or leaving a scope decreases it, and at zero the object is deallocated.
| The core mechanism is refcounting — an object is released as soon as nothing refers to it any more.
= Reference counting alone cannot free reference cycles, for example two objects that point at each other, so there is also a cyclic garbage collector that finds and clears such cycles.
| On top of that a cycle-detecting collector looks for groups of objects that only reference each other and are unreachable, which plain reference counts would never free.
= The cyclic collector is generational: new objects start in the youngest of three generations, and young generations are scanned more often because most objects die young.
| It uses three generations with thresholds; a collection of a generation runs when allocations minus deallocations exceed its threshold.
= The gc module lets you inspect and control it: gc.collect() forces a collection, gc.disable() switches the cyclic collector off and gc.get_threshold() shows the thresholds.
| You can interact with it through the gc module, for example calling gc.collect() by hand after breaking up a large structure.
+ This two-layer approach keeps memory use predictable without the programmer freeing anything by hand.
+ Objects with __del__ methods inside cycles used to be a problem, but since Python 3.4 they are collected too.
~ Python cleans up memory automatically so you don't have to worry about it.
~ There is a garbage collector that deletes stuff you don't use anymore.
! Python doesn't really have garbage collection; you have to call del on every object yourself or the memory is never released until the program ends.
! The garbage collector only runs once, when the program exits, and that is when all the memory is given back to the operating system.

@3 list vs tuple
= A list is mutable: you can append, insert, remove or change elements after it is created, and it grows or shrinks as needed.
| Lists, written with square brackets, can be modified in place — append(), pop(), sort() and item assignment all work.
= A tuple is immutable: once created its elements cannot be reassigned, added or removed; it is written with parentheses or just commas.
| Tuples, in round brackets, are fixed — trying t[0] = 1 raises a TypeError.
= Because they are immutable, tuples are hashable when their contents are, so they can be dictionary keys or set members, which lists cannot.
| A tuple of hashable values can be used as a dict key; a list never can.
= Tuples are a bit smaller in memory and faster to create, so they suit fixed records such as coordinates, while lists suit collections that change.
| Use a tuple for a fixed group of related values, like (x, y) or a database row, and a list for a sequence you will keep modifying.
+ Note that a tuple holding a list is still immutable itself, but the list inside it can change.
~ A list uses [] and a tuple uses (). They are both used to store things.
~ Lists and tuples are similar, tuples are just another kind of list.
! Tuples are mutable and lists are immutable, that's why you can append to a tuple but not to a list.
! Both can be changed; the only difference is that tuples are faster because they use round brackets.

@4 list comprehensions
= A list comprehension builds a new list from an iterable in a single expression, using the form [expression for item in iterable].
| It is a compact syntax for creating lists: you write the expression for each element followed by a for clause, all inside square brackets.
= An optional if clause filters the items, so only elements that satisfy the condition are included.
| You can add a condition at the end to keep only some elements, and even nest several for clauses.
= It replaces the usual pattern of an empty list, a for loop and append(); it is easier to read for simple cases and usually runs faster.
| Compared with a loop that calls append, a comprehension is shorter, more readable and often quicker because the loop runs in optimised bytecode.
= For example, [n * n for n in range(10) if n % 2 == 0] gives the squares of the even numbers below ten: [0, 4, 16, 36, 64].
| For example, [w.lower() for w in words if w] lowercases every non-empty word in a list.
+ The same syntax exists for sets and dicts, and with round brackets it becomes a lazy generator expression.
+ Very long comprehensions with several conditions hurt readability, so a normal loop is better there.
~ It's a short way to write a loop in one line.
~ List comprehensions are lists that contain other lists.
! A list comprehension is lazy: it only computes each element when you ask for it, so it uses almost no memory even for a billion items.

@5 copy vs deepcopy
= copy.copy() makes a shallow copy: a new outer object whose elements are references to the same objects as the original.
| A shallow copy duplicates only the top-level container; nested lists or dicts inside it are shared with the original.
= copy.deepcopy() recursively copies the object and everything nested inside it, so the result is completely independent of the original.
| copy.deepcopy(x) walks the whole structure of x and creates new copies of every nested object too.
= With a shallow copy, changing a nested element (say appending to an inner list) shows up in the original as well; with deepcopy it does not.
| So if you call shallow[0].append(9) after a shallow copy, the original changes too, which is a classic bug.
= deepcopy is slower and uses more memory; it keeps a memo dictionary so shared references and cycles are copied correctly.
| Deep copying costs more time and memory, and it handles recursive structures using an internal memo.
+ Slicing a list (lst[:]) or calling list(lst) also produces a shallow copy.
+ Classes can customise both through __copy__ and __deepcopy__.
~ copy copies an object and deepcopy copies it more deeply.
~ deepcopy is the better version of copy, I always use it to be safe.
! A shallow copy also copies nested objects, so both copies are fully independent; the only difference is that deepcopy is slower.

@6 threading vs multiprocessing
= Multithreading uses the threading module to run several threads inside one process, and the threads share the same memory space.
| Threads are created with threading.Thread (or a thread pool) and all live in a single process with shared memory.
= Because of the GIL only one thread runs Python bytecode at a time, so threads do not give true parallelism for CPU-bound Python code.
| In CPython the Global Interpreter Lock stops threads from executing Python code in parallel; they take turns.
= Multiprocessing starts separate processes, each with its own interpreter and memory, so they can run on several cores truly in parallel.
| The multiprocessing module sidesteps the GIL by using separate processes, each with its own Python interpreter.
= Threads are lightweight and suit I/O-bound work such as network calls, while processes are heavier, need pickling to exchange data, and suit CPU-bound work.
| Rule of thumb: I/O-bound work goes to threads, CPU-bound number crunching goes to processes, at the price of more memory and inter-process communication.
+ Shared memory makes it easy for threads to communicate but requires locks; processes talk through queues and pipes.
~ Multithreading is having many threads and multiprocessing is having many processes.
~ Both make the program faster by doing more things at once.
! Threads run Python code in parallel on all cores despite the GIL, so threading is always the faster choice and multiprocessing is only needed on Windows.

@7 decorators
= A decorator is a callable that takes a function and returns a new function, usually a wrapper that adds behaviour around the original.
| Decorators are higher-order functions: they receive a function, wrap it in another function and give the wrapper back.
= The @name syntax placed above a def is shorthand for func = name(func).
| Writing @timer above a function definition is the same as assigning my_func = timer(my_func) after it.
= They let you add cross-cutting behaviour such as logging, timing, caching or access checks without changing the function's own code.
| Typical uses are logging, authentication in web frameworks, retrying and memoisation — @functools.lru_cache is a decorator.
= Inside, the wrapper usually accepts *args and **kwargs so it works with any signature, and functools.wraps copies the name and docstring.
| A good decorator uses functools.wraps so the wrapped function keeps its __name__ and docstring.
+ Decorators can take arguments, which means writing a function that returns the actual decorator.
+ Classes can be decorated too, and built-ins like @property, @staticmethod and @classmethod are decorators.
~ Decorators are the @ things you put on top of functions to make them do more.
~ A decorator decorates a function, it's a kind of design thing.
! Decorators are just comments that start with @ to document a function; Python ignores them when the code runs.

@8 *args and **kwargs
= *args collects any extra positional arguments into a tuple.
| With *args a function accepts a variable number of positional arguments, available inside as a tuple.
= **kwargs collects any extra keyword arguments into a dictionary mapping parameter names to values.
| **kwargs gathers named arguments that were not matched by other parameters into a dict.
= The names are only a convention — the single and double star are what matter — and the same stars unpack a sequence or a dict when calling a function, as in f(*items, **options).
| The stars also work the other way round: f(*lst) spreads a list into positional arguments and f(**d) spreads a dict into keyword arguments.
= In a signature the order is regular parameters, then *args, then keyword-only parameters, then **kwargs.
| They are often used together in wrappers and decorators to pass every argument through unchanged.
+ Overusing them hides the real interface of a function, so explicit parameters are better when you know them.
~ args are arguments and kwargs are keyword arguments.
~ You use them when you don't know how many arguments there will be.
! *args is a list you can append to and **kwargs is a pointer to a pointer, like in C.

@9 call-once decorator
= Write a decorator whose wrapper keeps state — a flag in the closure or an attribute on the wrapper — recording whether the function has already run.
| The decorator keeps a "called" flag (nonlocal in the closure, or wrapper.called) next to the wrapped function.
= On the first call the wrapper sets the flag, calls the real function and stores its result.
| The first time through, the wrapper runs the original function and remembers what it returned.
= On later calls it skips the function and either returns the saved result or raises an exception, depending on what you want.
| Every subsequent call is blocked: it returns the cached value, returns None, or raises RuntimeError("already called").
= Use functools.wraps to keep the function's metadata, and a threading.Lock if it may be called from several threads at once.
| If threads are involved, guard the flag with a lock so two threads can't both get through the first call.
+ A naïve version uses a global flag, but keeping the state in a closure makes the decorator reusable.
+ functools.cache on a function without arguments gives almost the same effect in one line.
~ You can make a decorator that checks if the function was already called.
~ Use a global variable and an if statement.
! You can't do it with a decorator; the only way is to delete the function with del after calling it.

@10 inheritance
= A class inherits from another by naming it in parentheses, class Dog(Animal):, and then gets all the parent's attributes and methods.
| Inheritance lets a child class reuse the attributes and methods of its base class; you write class Child(Parent).
= The child can override methods to change behaviour and add its own new methods and attributes.
| A subclass can replace a parent's method with its own version and extend the class with new features.
= super() gives access to the parent's implementation, most often super().__init__(...) in the child's constructor.
| Calling super().__init__() makes sure the parent's initialisation still runs when the child defines its own __init__.
= Python supports multiple inheritance, and the method resolution order (C3 linearisation, visible in Class.__mro__) decides which parent's method is found first.
| With several base classes, attribute lookup follows the MRO, which you can inspect with ClassName.mro().
+ Inheritance models an "is-a" relationship and promotes code reuse; isinstance() and issubclass() respect it.
+ Every class ultimately inherits from object.
~ Inheritance is when a class gets things from another class.
~ It's like parents and children, the child class is the same as the parent.
! Python does not support multiple inheritance; a class can only have one parent, which is why mixins are impossible.

@11 overloading and overriding
= Method overloading means several methods with the same name but different parameter lists (number or types of arguments).
| Overloading is defining one method name with different signatures, as in Java or C++.
= Python has no real overloading: a second def with the same name simply replaces the first, so you get the effect with default arguments, *args or functools.singledispatch.
| In Python the last definition wins, so overloading is simulated with optional parameters, type checks or singledispatchmethod.
= Method overriding is when a subclass defines a method with the same name as one in its parent, and the subclass's version is the one that gets called.
| Overriding happens in inheritance: the child re-implements a parent method and its version takes precedence for child objects.
= An overriding method can still call the parent version through super() to extend it rather than replace it.
| Overriding is resolved at runtime by looking the method up on the object's class first — that is what enables polymorphism.
~ Overloading is doing too much in one method and overriding is changing it.
~ They are both about methods in classes, in OOP.
! Overloading and overriding are the same thing: both mean writing a method twice in the same class with the same arguments.

@12 polymorphism
= Polymorphism means using one interface for objects of different types, each responding in its own way.
| It is the idea that the same call, like shape.area(), does different things depending on the object's class.
= For example, Dog and Cat classes can both define speak(); a loop over a list of animals calls animal.speak() and each prints its own sound.
| A function draw(shape) can take a Circle or a Square, because both implement area() and draw().
= In Python this mostly works through duck typing: an object only needs the right method, no common base class is required.
| Thanks to duck typing, anything with a read() method can be passed where a file is expected.
= Built-ins are polymorphic too: + adds numbers but concatenates strings and lists, and len() works on strings, lists and dicts.
| Operator overloading with special methods like __add__ and __len__ is another form of it.
+ It keeps calling code simple: new types can be added without changing the function that uses them.
~ Polymorphism means many forms.
~ It's one of the four pillars of OOP together with inheritance and the others.
! Polymorphism means a variable can change its type, for example x = 1 and then x = "hello".

@13 instance, class and static methods
= Instance methods are ordinary methods that receive the instance as self and can read and change that object's state.
| A normal method takes self as its first argument and works on the data of one particular object.
= Class methods are marked with @classmethod and receive the class as cls, so they work with class-level data and are often used as alternative constructors.
| @classmethod methods get cls instead of self, which makes them ideal for factory methods like Date.from_string().
= Static methods are marked with @staticmethod and receive neither self nor cls; they are plain functions that live in the class namespace.
| A @staticmethod has no automatic access to the instance or the class — it is a utility function grouped with the class for organisation.
= All three can be called on the class or on an instance, but only the first two get an automatic first argument.
| Class methods also behave correctly with subclasses, because cls is the subclass that was called.
~ Instance methods are for instances, class methods for classes and static methods are static.
~ Static methods don't change.
! Static methods are the only ones that can change class variables, and class methods can only be called from an instance.

@14 set internals
= A set is implemented as a hash table, much like a dictionary that only has keys.
| Internally CPython stores set elements in a hash table.
= When you add an element Python computes its hash, which determines the slot where it is stored; collisions are resolved by probing other slots.
| The element's hash value chooses a bucket, and if that slot is taken the table probes for another free slot (open addressing).
= This makes membership tests, adds and removals O(1) on average, and duplicates are rejected because an equal element with the same hash is already present.
| Looking up x in s is constant time on average, unlike a list, and uniqueness comes for free from the hashing and equality check.
= Elements must therefore be hashable (immutable types like int, str, tuple), and sets are unordered.
| That is why you can't put a list in a set, and why iteration order is not guaranteed.
+ The table is resized when it becomes too full, keeping lookups fast; union, intersection and difference build on the same fast lookups.
+ A naïve list-based lookup would be O(n); the hash table is what makes x in s cheap.
+ frozenset is the immutable, hashable variant.
~ A set stores unique values.
~ Sets are like lists but without duplicates.
! A set is a sorted list internally, and Python uses binary search to find elements, which is why sets are always printed in order.

@15 dictionary implementation
= A dict is a hash table that maps keys to values.
| Dictionaries are built on hash tables holding key-value pairs.
= To store or find a value, Python hashes the key and uses the hash to locate the slot, so lookup, insertion and deletion are O(1) on average.
| The key's hash gives the position in the table, so retrieval doesn't depend on the size of the dict, on average.
= Keys must be hashable, meaning they implement __hash__ and __eq__ consistently and do not change; values can be anything.
| Only hashable objects can be keys — strings, numbers, tuples of those — because the hash must never change.
= Since Python 3.7 dicts keep insertion order: CPython uses a compact layout with a dense array of entries plus a sparse index table, and resizes when it fills up.
| Modern CPython stores entries in insertion order in a compact array, with a separate index table of hashes, which saves memory.
+ Collisions are handled with open addressing and a perturbation-based probe sequence.
~ A dictionary has keys and values.
~ It's like a list but you use words instead of numbers.
! A dictionary is stored as two parallel lists, one of keys and one of values, and Python searches the keys one by one.

@16 named tuples
= collections.namedtuple (or typing.NamedTuple) creates a tuple subclass whose fields have names.
| A named tuple is a tuple type with named fields, created with namedtuple('Point', ['x', 'y']) or a typing.NamedTuple class.
= Fields can be accessed by name, p.x instead of p[0], which makes code self-documenting and easier to read.
| Readability is the main benefit: row.price says much more than row[3].
= They remain immutable and as lightweight as plain tuples, with no per-instance __dict__, so they use little memory.
| Instances are immutable and cost about the same memory as a normal tuple — cheaper than a small class.
= They are still real tuples, so indexing, unpacking and comparison work, and they add helpers like _replace(), _asdict() and _fields.
| Existing code that expects tuples keeps working, and _asdict() or _replace() are handy extras.
+ For mutable records with defaults, a dataclass is often the better choice.
~ Named tuples are tuples with names.
~ They make code cleaner.
! Named tuples are mutable, so unlike a normal tuple you can write p.x = 5.

@17 try-except
= Code that might fail goes in the try block.
| You put the risky statements, such as opening a file or converting input, inside try:.
= If an exception is raised, the rest of the try block is skipped and Python jumps to the first except clause whose exception type matches.
| When an error occurs, control transfers to the matching except handler; if none matches, the exception propagates up the call stack.
= An optional else block runs only when no exception occurred, and finally always runs, which makes it the place for cleanup.
| You can add else: for code that should run only on success, and finally: for cleanup that must happen in every case.
= It is best to catch specific exceptions, like ValueError, rather than use a bare except:, so real bugs are not hidden.
| Catching Exception or using a bare except swallows errors you did not expect, so name the exceptions you handle.
+ Inside a handler you can log, recover, or re-raise with a plain raise to keep the traceback.
~ try-except catches errors so the program doesn't crash.
~ You try something and if it doesn't work you go to except.
! The except block runs every time after the try block, whether there was an error or not, like finally.

@18 raise vs assert
= raise explicitly throws an exception of the type you choose, for example raise ValueError("age must be positive").
| With raise you signal an error deliberately, picking the exception class and the message.
= assert condition, message checks that something is true and raises AssertionError if it is false.
| assert x > 0, "x must be positive" raises AssertionError when the condition fails.
= Assertions are a debugging aid for internal invariants: they are stripped when Python runs with -O, so they must never be used to validate user input.
| Because python -O removes every assert statement, they are only for catching programmer mistakes during development and testing.
= raise is for real error handling that must always happen in production, such as rejecting bad input or a failed network call.
| For anything that must be checked at runtime, such as data from a user, use an if statement and raise.
~ raise raises an error and assert asserts something.
~ Both are used for errors.
! assert should be used to validate user input in production because it is shorter than writing an if statement with raise.

@19 binary files
= Open the file with a binary mode: 'rb' to read, 'wb' to write, 'ab' to append.
| You pass "rb" or "wb" as the mode to open().
= In binary mode Python does no decoding or newline translation; reading returns bytes objects.
| Data comes back as raw bytes, not str, so no encoding is applied.
= f.read() or f.read(n) returns bytes, and f.write() needs a bytes-like object such as b'...' or a bytearray.
| To write you pass bytes, e.g. f.write(b"\x00\x01"), or encode a string first.
= The struct module packs and unpacks binary formats, and the with statement makes sure the file gets closed.
| For structured data struct.unpack or pickle help, and reading in chunks keeps memory low for big files.
+ This is how you handle images, archives or any other non-text format.
~ You open the file and read it in binary.
~ Use the open function.
! You open binary files with the normal 'r' mode and Python automatically converts the bytes into a readable string.

@20 with statement
= The with statement uses a context manager, an object with __enter__ and __exit__ methods.
| with works with context managers: __enter__ runs at the start of the block and __exit__ at the end.
= When used with open(), the file is closed automatically when the block ends, even if an exception is raised inside it.
| with open("data.txt") as f: guarantees that f.close() happens, error or not.
= That prevents resource leaks and replaces the longer try/finally boilerplate, so the code is shorter and safer.
| It is cleaner than remembering to call close() in a finally block, and you can't forget it.
= The same pattern works for locks, database connections and temporary changes, and contextlib.contextmanager makes writing your own easy.
| Besides files, it is used for threading locks, sockets and database transactions.
~ with opens a file.
~ It's a nicer way to work with files.
! with makes file reading faster because it loads the whole file into memory first.

@21 singleton
= A singleton is a pattern where only one instance of something exists and everyone shares it.
| The singleton pattern guarantees a single shared instance.
= In Python a module is already a singleton: it is executed once on first import and cached in sys.modules, so every importer gets the same module object and its state.
| The simplest way is a module — modules are imported only once and then reused from sys.modules, so module-level variables act as shared state.
= For a class, you can override __new__ to store the instance in a class attribute and return it on every later call.
| A class-based version keeps _instance on the class and has __new__ (or a get_instance classmethod) return it if it already exists.
= Other options are a decorator or a metaclass that caches instances, but the module approach is usually the most Pythonic.
| A metaclass with a dict of instances also works, though it is often overkill.
+ Singletons are essentially global state, so they can make testing harder.
~ You make one object and use it everywhere.
~ A singleton module is a module with one function.
! Every time you import a module Python runs it again and creates a new copy, so you need a global variable in each file to share state.

@22 memory optimisation
= Use generators and iterators instead of building large lists, so values are produced lazily one at a time.
| Process big data with generator expressions or by streaming line by line rather than loading everything into a list.
= Define __slots__ in classes with many instances to avoid a per-object __dict__.
| __slots__ removes the instance dictionary and can cut the memory per object a lot.
= For numeric data use the array module or NumPy arrays, which store raw numbers compactly instead of full Python objects.
| Packed arrays (array.array, numpy) take far less space than lists of int objects.
= Delete large objects you no longer need, avoid keeping references in globals or caches, and measure with tracemalloc or memory_profiler.
| Release references early with del and check where memory goes using tracemalloc.
+ Reading files in chunks and choosing compact types (tuples for fixed data, sys.intern for repeated strings) also helps.
~ Use less variables.
~ Don't make things too big.
! Call gc.collect() after every line, because Python never frees memory by itself otherwise.

@23 extracting emails with regex
= Import the re module and call re.findall() with a pattern describing an email address; it returns a list of every match in the string.
| Use re.findall(pattern, text), which gives back all non-overlapping matches as a list.
= A practical pattern is r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+": a local part, an @, and a domain with at least one dot.
| Something like r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}" covers most ordinary addresses.
= Write the pattern as a raw string so backslashes are not treated as escapes, and use non-capturing groups, otherwise findall returns the groups instead of the full match.
| Careful: if the pattern has capturing groups findall returns the groups, so use (?:...) or re.finditer with match.group(0).
= A regex like this is a pragmatic approximation; fully validating RFC 5322 addresses with a regex is impractical.
| It won't accept every legal address, but it is good enough for extraction.
~ You use regex to find emails by looking for the @.
~ Use re.
! re.match(pattern, text) returns all the emails found anywhere in the string.

@24 factory pattern
= The Factory pattern is a creational pattern: client code asks a factory for an object instead of instantiating a concrete class itself.
| A factory hides object creation — the caller says what it needs and does not name the exact class.
= Typically a function or method takes a parameter, such as a type name or a configuration value, and returns an instance of the matching class.
| For instance make_parser(fmt) can look up {"json": JsonParser, "csv": CsvParser}[fmt] and return an instance of that class.
= This decouples callers from concrete classes, so new types can be added in one place without touching the calling code.
| The benefit is loose coupling and a single place to change when new product classes are added.
= Because classes are first-class objects in Python, a dict mapping names to classes or a classmethod alternative constructor often replaces a full factory class hierarchy.
| Python's own classmethods like dict.fromkeys or datetime.fromtimestamp are small factory methods.
+ Common applications are plugin systems, or choosing a database backend or a serializer from configuration.
~ A factory makes objects.
~ It's a design pattern from the Gang of Four book.
! The factory pattern means every class inherits from a Factory base class that mass-produces copies of the same object.

@25 iterator vs generator
= An iterator is any object that implements __iter__() and __next__(); __next__ returns the next value and raises StopIteration when done.
| The iterator protocol is __iter__ plus __next__, usually written as a class that tracks its own position.
= A generator is a function that uses yield; calling it returns a generator object, which is an iterator.
| Generators are written as functions containing yield (or as generator expressions) and produce an iterator automatically.
= The generator's local state is saved between yields, so values are produced lazily, one at a time, which is memory-efficient.
| Execution pauses at each yield and resumes on the next call to next(), so nothing is computed before it is needed.
= Every generator is an iterator but not every iterator is a generator; generators are simply the concise way to write one.
| Writing an iterator class takes more code; a generator gives you the same behaviour with much less boilerplate.
+ Both can only be consumed once; to iterate again you create a new one.
~ Generators generate values and iterators iterate.
~ They are both used in for loops.
! Generators keep all values in memory in a list and return them at the end, while iterators compute them lazily.

@26 @property
= @property turns a method into a read-only attribute, so obj.area calls the method without parentheses.
| With @property you access a computed value like an attribute, no () needed.
= You can add a setter with @name.setter and a deleter with @name.deleter to control assignment and deletion.
| Declaring @radius.setter lets you validate a value before it is stored in self._radius.
= This gives encapsulation: the class can validate or compute values while callers keep simple attribute syntax, and the implementation can change later without breaking the API.
| You can start with a plain attribute and later switch to a property without changing the code that uses the class.
= Under the hood property is a descriptor that calls the getter, setter or deleter functions.
| property is a built-in descriptor class; the decorator syntax is just a convenient way to build one.
~ It makes a method into a property.
~ @property is used for getters and setters like in Java.
! @property makes an attribute private so it cannot be read from outside the class.

@27 REST API
= Use a web framework such as Flask, FastAPI or Django REST framework rather than writing an HTTP server yourself.
| The quickest way is a microframework such as Flask or FastAPI.
= Define endpoints by mapping URL routes and HTTP methods (GET, POST, PUT, DELETE) to handler functions, e.g. @app.route("/items", methods=["GET"]).
| Each resource gets a URL, and routes tie GET, POST, PUT and DELETE on that URL to Python functions.
= Handlers read the request (JSON body, query parameters), do the work, and return JSON with a proper HTTP status code, for example with jsonify.
| The responses are JSON and use status codes like 200, 201 and 404 to tell the client what happened.
= Run it with the development server to test, and behind a WSGI/ASGI server such as gunicorn or uvicorn in production.
| For production you put it behind gunicorn or uvicorn and usually a reverse proxy.
+ A café menu API might expose GET /menu and POST /orders, keeping the data in a database through an ORM.
~ You make an API with Python that uses REST.
~ Use Flask.
! A REST API requires a SOAP XML envelope, so you have to write a socket server by hand that parses the XML.

@28 requests POST
= Import requests and call requests.post(url, ...) with the target URL.
| requests.post() is the function that sends a POST request.
= Pass form fields with data=, a JSON body with json= (which also sets the Content-Type header), files with files=, and custom headers with headers=.
| Use json=payload to send JSON, or data= for form-encoded data; headers= adds authorization or other headers.
= It returns a Response object: check response.status_code or call raise_for_status(), and read the body with response.json() or response.text.
| Afterwards look at r.status_code, call r.raise_for_status() on errors, and parse r.json().
= Always set a timeout, and use a requests.Session when making many requests to reuse connections.
| Setting timeout=5 avoids hanging forever; a Session keeps cookies and connections.
~ You use the requests library and call post.
~ requests is a library for HTTP.
! requests can only send GET requests; for POST you have to add a body to requests.get and the server treats it as a POST.

@29 PostgreSQL
= Install and import a PostgreSQL driver, usually psycopg2 (or the newer psycopg 3).
| The standard adapter is psycopg2.
= Call psycopg2.connect() with host, port, dbname, user and password (or a DSN) to get a connection object.
| conn = psycopg2.connect(dbname="shop", user="app", password="...", host="localhost") opens the connection.
= Create a cursor, run SQL with cur.execute() using %s placeholders for parameters, fetch rows with fetchone() or fetchall(), and commit changes with conn.commit().
| You execute queries through a cursor, pass values as parameters instead of formatting strings (to avoid SQL injection), and commit writes.
= Close the cursor and the connection when finished, ideally with context managers; an ORM like SQLAlchemy can sit on top of the driver.
| Use with blocks or a connection pool, and SQLAlchemy if you prefer not to write raw SQL.
~ You connect to the database with a library and a password.
~ Use SQL.
! Python has PostgreSQL built in: just import sqlite3 and point it at the Postgres server's address.

@30 ORMs
= An ORM (object-relational mapper) maps database tables to Python classes, rows to objects and columns to attributes.
| Object-relational mapping lets each table be a class and each row an instance.
= You work with Python objects and method calls, and the ORM generates the SQL, so you rarely write raw queries.
| Queries become Python expressions such as session.query(User).filter_by(name="Zoë"), and the ORM turns them into SQL.
= SQLAlchemy is the best-known standalone ORM; the Django ORM and Peewee are other popular ones.
| Popular ones: SQLAlchemy, Django's built-in ORM, Peewee, SQLModel.
= Benefits are portability across databases, protection against SQL injection and more maintainable code; the cost is some overhead and pitfalls like the N+1 query problem.
| ORMs speed up development and make switching databases easier, though complex queries can be slower than hand-written SQL.
~ ORMs help with databases.
~ An ORM is for objects.
! An ORM is a kind of database, like PostgreSQL, that stores Python objects directly on disk.

@31 profiling
= Use the built-in cProfile module, for example python -m cProfile -s cumulative script.py.
| Run the script under cProfile: python -m cProfile -o out.prof myscript.py.
= It reports how many times each function was called and the total and cumulative time spent in it, which points at the bottlenecks; pstats sorts and filters the results.
| The output lists call counts, tottime and cumtime per function; load it with pstats to sort by the slowest.
= For small snippets use timeit; for line-level detail line_profiler, and for memory tracemalloc or memory_profiler.
| timeit is good for micro-benchmarks, line_profiler shows the cost line by line and tracemalloc tracks allocations.
= Visual tools such as snakeviz or py-spy flame graphs help, and you optimise only the hot spots you measured.
| py-spy can sample a running process without changing the code, and snakeviz draws the cProfile output.
~ You measure how long the script takes.
~ Use print statements with the time.
! Profiling means adding type hints so that Python can compile the script into faster code.

@32 the GIL
= The GIL is a mutex in CPython that allows only one thread to execute Python bytecode at a time, even on a multi-core machine.
| CPython's Global Interpreter Lock lets a single thread run Python bytecode at any moment within a process.
= It exists to protect the interpreter's internals, above all reference counts, from race conditions, and it keeps C extensions simpler.
| Its purpose is to make memory management (refcounting) thread-safe without fine-grained locks everywhere.
= As a result CPU-bound threads don't run in parallel, but I/O-bound threads still benefit because the GIL is released while waiting for I/O.
| Threads doing CPU work take turns, while threads blocked on network or disk release the lock, so threading still helps for I/O.
= Workarounds are multiprocessing, C extensions or libraries like NumPy that release the GIL, or other interpreters; Python 3.13 also offers an experimental free-threaded build.
| To use all cores for CPU work you use processes, or native code that drops the GIL.
~ The GIL is a lock in Python.
~ It makes Python slow.
! The GIL lets threads execute bytecode at the same time on different cores; it only locks global variables so they are not changed twice.

@33 async/await
= async def defines a coroutine, and await pauses it until the awaited operation finishes, handing control back to the event loop in the meantime.
| A function declared with async def returns a coroutine; inside it, await suspends execution until the result is ready.
= The asyncio event loop runs many coroutines concurrently in a single thread, switching between them only at await points (cooperative multitasking).
| Everything runs in one thread: the event loop schedules tasks and switches when one of them awaits.
= With threads the operating system switches preemptively at any moment, so shared data needs locks; async code switches only where you write await, so it is easier to reason about and much lighter than one thread per task.
| Threads are scheduled preemptively and each costs memory; coroutines are cheap, and because switches happen only at await there are fewer race conditions.
= It shines for I/O-bound work like thousands of network requests, but a blocking or CPU-heavy call inside a coroutine stalls the whole loop.
| It doesn't help CPU-bound code, and you need async-aware libraries (aiohttp instead of requests).
~ async/await makes code asynchronous.
~ It's like threading but newer.
! async functions run on separate CPU cores automatically, so async/await is just a faster form of multiprocessing.

@34 concurrent.futures
= concurrent.futures provides a high-level interface for running callables asynchronously using pools of threads or processes.
| The module gives you executors that run functions in the background on a pool of workers.
= ThreadPoolExecutor suits I/O-bound tasks and ProcessPoolExecutor suits CPU-bound tasks, because processes avoid the GIL.
| Choose ThreadPoolExecutor for network or disk work and ProcessPoolExecutor for heavy computation.
= executor.submit(fn, arg) returns a Future; future.result() waits for the value, and as_completed() yields futures as they finish.
| submit() hands back Future objects; you collect results with result() or iterate over as_completed(futures).
= executor.map() applies a function over an iterable in parallel, and using the executor in a with block shuts the pool down cleanly.
| The with statement around the executor waits for all work and releases the workers; max_workers sets the pool size.
+ Exceptions raised in a worker are re-raised when you call result(), so errors are not lost.
~ It's for running things concurrently in the future.
~ You use executors.
! Just importing concurrent.futures makes every function in the program non-blocking.

@35 Django vs Flask
= Django is a full-stack, "batteries included" framework: ORM, admin site, authentication, migrations, forms and templates come built in.
| Django ships with almost everything — ORM, admin interface, auth, migrations.
= Flask is a microframework with a small core of routing and templating, and you pick extensions (SQLAlchemy, auth, forms) yourself.
| Flask gives you the minimum and lets you choose your own components, which makes it flexible and lightweight.
= Django suits large database-driven applications that need many standard features quickly; Flask suits small services, APIs, prototypes or projects with unusual requirements.
| For a big content or e-commerce site Django saves time; for a microservice or a small API Flask is simpler.
= Both scale: scalability depends more on architecture — stateless app servers behind a load balancer, caching, the database — than on the framework itself.
| Either can handle large traffic; scaling is mostly about adding app servers horizontally, caching and database design.
+ Django's conventions help large teams stay consistent; Flask's freedom means more decisions and more glue code.
~ Django is bigger and Flask is smaller.
~ Both are web frameworks for Python.
! Flask cannot scale beyond a single user at a time, and Django only works with PostgreSQL.
"""


def parse_bank(text: str = BANK_TEXT) -> dict[int, dict]:
    """Parse BANK_TEXT into {n: {title, ideas: [[phrasing...]...], extra, weak, wrong}}."""
    bank: dict[int, dict] = {}
    cur = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        tag, body = line[0], line[1:].strip()
        if tag == "@":
            num, _, title = body.partition(" ")
            cur = {"title": title, "ideas": [], "extra": [], "weak": [], "wrong": []}
            bank[int(num)] = cur
        elif cur is None:
            raise ValueError(f"bank line {lineno}: entry before the first @question")
        elif tag == "=":
            cur["ideas"].append([body])
        elif tag == "|":
            cur["ideas"][-1].append(body)
        elif tag == "+":
            cur["extra"].append(body)
        elif tag == "~":
            cur["weak"].append(body)
        elif tag == "!":
            cur["wrong"].append(body)
        else:
            raise ValueError(f"bank line {lineno}: unknown tag {tag!r}")
    if sorted(bank) != list(range(1, NQ + 1)):
        raise ValueError("bank must cover questions 1..35")
    for n, q in bank.items():
        if len(q["ideas"]) < 3 or not q["weak"] or not q["wrong"]:
            raise ValueError(f"bank question {n} is incomplete")
    return bank


BANK = parse_bank()


# --------------------------------------------------------------------------
# The sample's answer pieces: BANK's phrasings plus sample_cohort_text's, each with the
# mark a person gave it by reading (see sample_cohort_text and human-grades.md).
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Piece:
    """One sentence of an answer and what it is worth under the question's marking scheme."""
    text: str
    kind: str              # idea | extra | weak | wrong | filler (hedges, off-topic, other questions)
    item: str | None = None   # the scheme's key idea an idea sentence earns
    points: int = 0        # idea: the item's points; weak: the grade alone; wrong: the penalty (> 0)


@dataclass
class Scheme:
    max: int
    items: dict            # key idea -> points
    code: dict             # key idea -> points a correct snippet earns for it


def parse_more(text: str) -> tuple[dict[int, dict], dict[int, Scheme]]:
    """Merge sample_cohort_text.MORE_TEXT with BANK into pieces, and read the schemes."""
    pieces: dict[int, dict] = {}
    schemes: dict[int, Scheme] = {}
    n = None
    slots: list[str] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        where = f"sample_cohort_text line {lineno}"
        if line.startswith("@"):
            n = int(line[1:])
            pieces[n] = {"ideas": [[] for _ in BANK[n]["ideas"]], "extra": [], "weak": [], "wrong": []}
            continue
        if n is None:
            raise ValueError(f"{where}: entry before the first @question")
        q = pieces[n]
        if line.startswith("% max "):
            fields = [f.split() for f in line[2:].split("|")]
            schemes[n] = Scheme(max=int(fields[0][1]), items={k: int(v) for k, v in fields[1:]}, code={})
        elif line.startswith("% slots"):
            slots = line.split()[2:]
            if len(slots) != len(BANK[n]["ideas"]) or any(s not in schemes[n].items for s in slots):
                raise ValueError(f"{where}: slots must name one key idea per idea of question {n}")
            for i, phrasings in enumerate(BANK[n]["ideas"]):
                q["ideas"][i] += [Piece(t, "idea", slots[i], schemes[n].items[slots[i]]) for t in phrasings]
        elif line.startswith("% code"):
            words_ = line.split()[2:]
            schemes[n].code = {words_[i]: int(words_[i + 1]) for i in range(0, len(words_), 2)}
        elif line.startswith("% weak") or line.startswith("% wrong"):
            kind = line.split()[1]
            marks = [int(m) for m in line.split()[2:]]
            if len(marks) != len(BANK[n][kind]):
                raise ValueError(f"{where}: one mark per {kind} answer of question {n}")
            q[kind] += [Piece(t, kind, None, m) for t, m in zip(BANK[n][kind], marks)]
        elif line[0] == "|":
            k, _, body = line[1:].partition(" ")
            slot = int(k) - 1
            item = slots[slot]
            q["ideas"][slot].append(Piece(body.strip(), "idea", item, schemes[n].items[item]))
        elif line[0] in "~!":
            mark, _, body = line[1:].partition(" ")
            q["weak" if line[0] == "~" else "wrong"].append(
                Piece(body.strip(), "weak" if line[0] == "~" else "wrong", None, int(mark)))
        elif line[0] == "+":
            q["extra"].append(Piece(line[1:].strip(), "extra"))
        else:
            raise ValueError(f"{where}: unknown line {line[:20]!r}")
    for n in range(1, NQ + 1):
        if n not in schemes or any(not p for p in pieces[n]["ideas"]):
            raise ValueError(f"sample_cohort_text: question {n} has no scheme or slots")
        pieces[n]["extra"] = [Piece(t, "extra") for t in BANK[n]["extra"]] + pieces[n]["extra"]
    return pieces, schemes


PIECES, SCHEMES = parse_more(MORE_TEXT)

# --------------------------------------------------------------------------
# Code snippets (the model answers' code was lost; these are our own).
# --------------------------------------------------------------------------
CODE: dict[int, str] = {
    1: r'''#!/usr/bin/env python3
import pathlib
import shutil

for pdf in pathlib.Path("downloads").glob("*.pdf"):
    shutil.move(str(pdf), "archive/")''',
    2: r'''import gc

class Node:
    def __init__(self):
        self.other = None

a, b = Node(), Node()
a.other, b.other = b, a   # a reference cycle
del a, b
print(gc.collect())       # unreachable objects found''',
    3: r'''nums = [1, 2, 3]
nums.append(4)               # fine, lists are mutable
point = (3, 4)
# point[0] = 5               # TypeError: tuples are immutable
places = {point: "home"}     # tuples can be dict keys''',
    4: r'''# squares of the even numbers below ten
squares = [n * n for n in range(10) if n % 2 == 0]
print(squares)  # [0, 4, 16, 36, 64]''',
    5: r'''import copy

x = [[1, 2], [3, 4]]
shallow = copy.copy(x)
deep = copy.deepcopy(x)
x[0].append(99)
print(shallow[0])  # [1, 2, 99] - inner list is shared
print(deep[0])     # [1, 2]''',
    6: r'''from threading import Thread
from multiprocessing import Process

def work(n):
    return sum(i * i for i in range(n))

if __name__ == "__main__":
    t = Thread(target=work, args=(10**6,))
    p = Process(target=work, args=(10**6,))
    t.start(); p.start()
    t.join(); p.join()''',
    7: r'''import functools
import time

def timer(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        print(f"{func.__name__} took {time.perf_counter() - start:.3f}s")
        return result
    return wrapper

@timer
def slow_add(a, b):
    time.sleep(0.1)
    return a + b''',
    8: r'''def report(title, *args, **kwargs):
    print(title, args, kwargs)

report("totals", 1, 2, 3, unit="EUR", rounded=True)
# totals (1, 2, 3) {'unit': 'EUR', 'rounded': True}''',
    9: r'''import functools

def once(func):
    called = False
    result = None

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        nonlocal called, result
        if not called:
            called = True
            result = func(*args, **kwargs)
        return result
    return wrapper

@once
def init_db():
    print("connecting...")''',
    10: r'''class Animal:
    def __init__(self, name):
        self.name = name

    def speak(self):
        return "..."

class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def speak(self):
        return "Woof"''',
    11: r'''from functools import singledispatch

@singledispatch
def describe(x):
    return "something"

@describe.register
def _(x: int):
    return "an integer"

class Base:
    def greet(self):
        return "hello"

class Child(Base):
    def greet(self):          # overrides Base.greet
        return super().greet() + " from child"''',
    12: r'''class Circle:
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2

class Square:
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2

for shape in (Circle(1), Square(2)):
    print(shape.area())''',
    13: r'''class Pizza:
    count = 0

    def __init__(self, toppings):
        self.toppings = toppings
        Pizza.count += 1

    def describe(self):               # instance method
        return ", ".join(self.toppings)

    @classmethod
    def margherita(cls):              # alternative constructor
        return cls(["tomato", "mozzarella"])

    @staticmethod
    def is_vegetarian(topping):       # plain helper
        return topping not in {"ham", "salami"}''',
    14: r'''s = {3, 1, 2}
s.add(2)                       # duplicate, ignored
print(2 in s)                  # O(1) on average
print(hash("abc") == hash("abc"))''',
    15: r'''prices = {"café au lait": 3.2, "espresso": 2.1}
prices["tea"] = 1.8
print(prices.get("espresso"))
del prices["tea"]''',
    16: r'''from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
p = Point(3, 4)
print(p.x, p[1])      # 3 4
x, y = p              # unpacking still works
q = p._replace(x=10)''',
    17: r'''try:
    value = int(user_input)
except ValueError as exc:
    print(f"not a number: {exc}")
else:
    print("ok", value)
finally:
    print("done")''',
    18: r'''def set_age(age):
    if age < 0:
        raise ValueError("age must be non-negative")
    return age

def mean(xs):
    assert len(xs) > 0, "mean() of an empty list"   # internal invariant only
    return sum(xs) / len(xs)''',
    19: r'''import struct

with open("data.bin", "wb") as f:
    f.write(struct.pack("<if", 42, 3.5))

with open("data.bin", "rb") as f:
    raw = f.read()
number, ratio = struct.unpack("<if", raw)''',
    20: r'''with open("notes.txt", "w", encoding="utf-8") as f:
    f.write("hello\n")
# the file is closed here, even if write() raised''',
    21: r'''class Config:
    _instance = None

    def __new__(cls, *args, **kwargs):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

assert Config() is Config()''',
    22: r'''class Pixel:
    __slots__ = ("x", "y", "colour")

def read_lines(path):
    with open(path) as f:
        for line in f:              # one line at a time
            yield line.rstrip()

total = sum(len(line) for line in read_lines("big.log"))''',
    23: r'''import re

text = "Write to jose.muller@example.org or help@café.example.com, not to @nobody."
pattern = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
emails = re.findall(pattern, text)
print(emails)''',
    24: r'''class JsonExporter:
    def export(self, data): ...

class CsvExporter:
    def export(self, data): ...

EXPORTERS = {"json": JsonExporter, "csv": CsvExporter}

def make_exporter(kind):
    try:
        return EXPORTERS[kind]()
    except KeyError:
        raise ValueError(f"unknown format: {kind}")''',
    25: r'''class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1

def countdown(start):
    while start > 0:
        yield start
        start -= 1''',
    26: r'''class Circle:
    def __init__(self, radius):
        self._radius = radius

    @property
    def radius(self):
        return self._radius

    @radius.setter
    def radius(self, value):
        if value < 0:
            raise ValueError("radius must be >= 0")
        self._radius = value

    @property
    def area(self):
        return 3.14159 * self._radius ** 2''',
    27: r'''from flask import Flask, jsonify, request

app = Flask(__name__)
menu = [{"id": 1, "name": "Café crème", "price": 3.5}]

@app.route("/menu", methods=["GET"])
def list_menu():
    return jsonify(menu)

@app.route("/menu", methods=["POST"])
def add_item():
    item = request.get_json()
    menu.append(item)
    return jsonify(item), 201''',
    28: r'''import requests

payload = {"name": "Zoë", "role": "admin"}
r = requests.post("https://api.example.com/users", json=payload, timeout=5)
r.raise_for_status()
print(r.status_code, r.json())''',
    29: r'''import psycopg2

conn = psycopg2.connect(host="localhost", dbname="shop",
                        user="app", password="secret")
with conn, conn.cursor() as cur:
    cur.execute("SELECT id, name FROM customers WHERE city = %s", ("Paris",))
    rows = cur.fetchall()
conn.close()''',
    30: r'''from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String(80))''',
    31: r'''import cProfile
import pstats

cProfile.run("main()", "out.prof")
stats = pstats.Stats("out.prof")
stats.sort_stats("cumulative").print_stats(10)''',
    32: r'''import threading

def count(n):
    while n > 0:
        n -= 1

threads = [threading.Thread(target=count, args=(10_000_000,)) for _ in range(2)]
for t in threads: t.start()
for t in threads: t.join()
# no faster than running both counts one after the other''',
    33: r'''import asyncio

async def fetch(n):
    await asyncio.sleep(1)      # stands in for network I/O
    return n * 2

async def main():
    results = await asyncio.gather(*(fetch(i) for i in range(10)))
    print(results)

asyncio.run(main())''',
    34: r'''from concurrent.futures import ThreadPoolExecutor, as_completed
import urllib.request

def download(url):
    with urllib.request.urlopen(url, timeout=10) as resp:
        return url, len(resp.read())

urls = ["https://example.com", "https://example.org"]
with ThreadPoolExecutor(max_workers=4) as pool:
    futures = [pool.submit(download, u) for u in urls]
    for fut in as_completed(futures):
        print(fut.result())''',
}

# Answers that are not about the question at all.
OFF_TOPIC = [
    "As you can see on my résumé, I have mostly worked with JavaScript and React, so in my last job the backend team took care of things like this.",
    "I think the most important thing in any project is communication with the team and writing good documentation.",
    "Python is named after Monty Python, not the snake, and it was first released in the early nineties.",
    "I would use Excel for this, because everybody in the office already knows how to use it.",
    "My favourite project was a booking app for a small café near my university; we wrote the Android client in Kotlin.",
    "Agile and Scrum help teams deliver faster because the work is split into short sprints with a review at the end.",
    "Java is more verbose than Python, but the static types catch a lot of errors at compile time.",
    "When I get stuck on something like this I usually search Stack Overflow or ask a colleague.",
    "Cloud platforms like AWS and Azure make it easy to deploy applications without managing servers yourself.",
    "Git is a version control system: you commit changes, push them to a remote and open pull requests.",
    "Machine learning is very popular now and Python has great libraries for it, like scikit-learn and PyTorch.",
    "Linux is my preferred operating system because the terminal is much faster for everyday work.",
]

# Near-empty answers.
DONT_KNOW = ["I don't know.", "Not sure, sorry.", "I haven't used this yet.",
             "Skipped — ran out of time.", "N/A", "?", "TODO", "No idea, to be honest."]

HEDGES = ["I'm not 100% sure about the details.", "At least that is how I understand it.",
          "I would have to look up the rest.", "I have only used this a couple of times.",
          "That's the main idea, I think."]

# Where a confused candidate answers another question instead: always one a reader would
# call off-topic here (never set internals under dictionaries, the GIL under threading...),
# so such an answer scores 0 and no judgement call is needed.
CONFUSED_WITH = {1: 4, 2: 13, 3: 17, 4: 18, 5: 3, 6: 24, 7: 19, 8: 31, 9: 29, 10: 23, 11: 12,
                 12: 11, 13: 2, 14: 28, 15: 21, 16: 27, 17: 20, 18: 4, 19: 35, 20: 17, 21: 24,
                 22: 30, 23: 10, 24: 21, 25: 16, 26: 28, 27: 14, 28: 27, 29: 9, 30: 22, 31: 1,
                 32: 15, 33: 19, 34: 26, 35: 8}

# --------------------------------------------------------------------------
# Per-candidate voice: synonyms, sentence starters, curly quotes, misspellings.
# --------------------------------------------------------------------------
SYNONYMS = [  # (regex, replacements); applied per occurrence with the voice's probability
    ("usually", ["typically", "normally", "generally"]),
    ("often", ["frequently", "commonly"]),
    ("For example", ["For instance", "E.g.", "As an example"]),
    ("because(?! of)", ["since", "as"]),
    ("easier", ["simpler"]),
    ("large", ["big", "huge"]),
    ("small", ["little", "tiny"]),
    ("quickly", ["fast"]),
    ("lets you", ["allows you to", "enables you to"]),
    ("simply", ["just"]),
    ("gives(?! back)", ["provides"]),
    ("whole", ["entire"]),
    ("needs", ["requires"]),
    ("a bit", ["slightly", "a little"]),
    ("simple", ["straightforward", "basic"]),
    ("faster", ["quicker"]),
    ("(?<!how )many", ["lots of", "a lot of"]),
    ("really", ["actually"]),
    ("makes sure", ["ensures", "guarantees"]),
    ("It is", ["It's"]),
    ("it is", ["it's"]),
    ("does not", ["doesn't"]),
    ("cannot", ["can't"]),
    ("such as", ["like", "e.g."]),
    ("instead of", ["rather than"]),
    ("several", ["multiple", "a few"]),
    ("returns", ["gives back", "hands back"]),
    ("creates", ["makes", "builds"]),
    ("automatically", ["on its own", "by itself"]),
    ("whether", ["if"]),
    ("very", ["really", "quite"]),
    ("common", ["typical", "frequent"]),
    ("easy", ["simple", "straightforward"]),
    ("change", ["modify", "alter"]),
    ("a lot(?! of)", ["considerably", "significantly"]),
    ("mainly", ["mostly", "primarily"]),
    ("immediately", ["right away", "at once"]),
    ("finds", ["detects", "locates"]),
    ("completely", ["fully", "totally"]),
    ("ordinary", ["regular", "normal"]),
    ("different", ["distinct", "various"]),
    ("above all", ["especially", "in particular"]),
]
STARTERS = ["Basically, ", "In short, ", "I think ", "As far as I know, ", "In my experience, ",
            "Simply put, ", "So, ", "Well, "]
PROPER = {"Python", "CPython", "Django", "Flask", "FastAPI", "SQLAlchemy", "PostgreSQL", "NumPy",
          "Java", "Dog", "Cat", "Peewee", "Gang", "GIL", "ORM", "REST", "Global", "Instagram",
          "Object-relational", "Multithreading", "Multiprocessing", "Polymorphism", "Overloading",
          "Overriding", "Generators", "Decorators", "Threads", "Scripting", "Inheritance",
          "Assertions", "Readability", "Tuples", "Lists", "Dictionaries", "Named", "Modern",
          "Internally", "Everything", "Nothing", "Elements", "Instances", "Existing", "Keys",
          "Queries", "Popular", "Benefits", "Catching", "Besides", "Workarounds", "Static",
          "Class", "Instance", "Method", "Deep", "Data", "Execution", "Slicing", "Classes",
          "Built-ins", "Operator", "Typical", "Either", "Both", "Most", "Scripts", "Each"}
# these words are fine to lower-case after a starter (ordinary sentence openers)
LOWERABLE = {"A", "An", "The", "It", "This", "That", "You", "In", "With", "For", "Use", "When",
             "If", "On", "To", "Because", "So", "Every", "Most", "Each", "Both", "Either",
             "Threads", "Lists", "Tuples", "Scripts", "Generators", "Decorators", "Static",
             "Class", "Instance", "Everything", "Nothing", "Elements", "Instances", "Keys",
             "Queries", "Popular", "Benefits", "Catching", "Besides", "Workarounds", "Deep",
             "Data", "Execution", "Slicing", "Classes", "Typical", "Method", "Only", "Run",
             "Write", "Open", "Define", "Create", "Call", "Import", "Install", "Close", "Pass",
             "Always", "Afterwards", "Other", "Inside", "Under", "Writing", "Choose", "Setting",
             "Calling", "Declaring", "Looking", "Overriding", "Overloading", "Polymorphism",
             "Inheritance", "Multithreading", "Multiprocessing", "Readability", "Modern",
             "Internally", "Fields", "Handlers", "Common", "Typically", "Delete", "Release",
             "Process", "Packed", "Reading", "Defining", "Something", "Careful", "Thanks",
             "Built-ins", "Operator", "Compared", "Very", "Note", "Assertions", "Scripting",
             "Object-relational", "Overusing", "Named", "Dictionaries", "Existing", "Either"}

MISSPELL = [("reference", "refrence"), ("garbage", "garbadge"), ("inheritance", "inheritence"),
            ("decorator", "decorater"), ("separate", "seperate"), ("receive", "recieve"),
            ("immutable", "imutable"), ("dictionary", "dictonary"), ("argument", "arguement"),
            ("occurred", "occured"), ("necessary", "neccessary"), ("independent", "independant")]

# Candidates name things differently in their own code.
CODE_RENAMES = [
    ("result", ["res", "out", "value"]), ("nums", ["numbers", "values", "items"]),
    ("point", ["pt", "coords"]), ("shallow", ["s_copy", "shallow_copy"]), ("deep", ["d_copy", "deep_copy"]),
    ("wrapper", ["inner", "wrapped"]), ("func", ["fn", "f"]), ("payload", ["data", "body"]),
    ("conn", ["connection", "db"]), ("cur", ["cursor", "c"]), ("menu", ["drinks", "items"]),
    ("pool", ["ex", "executor"]), ("futures", ["jobs", "tasks"]), ("stats", ["ps", "report"]),
    ("text", ["s", "source"]), ("emails", ["found", "addresses"]), ("pattern", ["regex", "EMAIL_RE"]),
    ("squares", ["evens_squared", "sq"]), ("shape", ["s", "obj"]), ("threads", ["workers", "ts"]),
    ("raw", ["blob", "buf"]), ("places", ["lookup", "names"]), ("prices", ["menu_prices", "costs"]),
]

CODE_TOKENS = ["gc.collect()", "copy.deepcopy(x)", "copy.deepcopy()", "copy.copy()", "__init__",
               "__slots__", "__new__", "__iter__()", "__next__()", "@property", "@classmethod",
               "@staticmethod", "**kwargs", "*args", "super()", "re.findall()", "requests.post()",
               "psycopg2.connect()", "functools.wraps", "sys.modules", "StopIteration"]


# British spellings of the bank and what an American writer types instead.
AMERICAN = [(re.compile(r"\b" + gb, re.I), us) for gb, us in [
    ("behaviour", "behavior"), ("colour", "color"), ("favourite", "favorite"),
    ("optimis", "optimiz"), ("memoisation", "memoization"), ("customis", "customiz"),
    ("linearisation", "linearization"), ("initialis", "initializ"), ("recognis", "recogniz"),
    ("serialis", "serializ"), ("capitalis", "capitaliz"), ("materialis", "materializ"),
    ("organisation", "organization"), ("analys(?=e)", "analyz")]]

PAREN_RX = re.compile(r" \((?=[^()]*\s)[^(),]*\)")


def _case_like(src: str, repl: str) -> str:
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def curly(text: str) -> str:
    """What a word processor does to straight quotes and dashes."""
    text = re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", text)
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    text = re.sub(r"(?<![\w'])'([^'\n]*)'", "\u2018\\1\u2019", text)
    text = text.replace(" -- ", " \u2014 ").replace(" - ", " \u2014 ").replace("...", "\u2026")
    return text


def ascii_dashes(text: str) -> str:
    return text.replace(" \u2014 ", " - ")


@dataclass
class Voice:
    swaps: list            # [(regex, replacement)]
    swap_p: float
    starter_p: float
    starters: list
    word: bool             # curly quotes and em dashes (word processor)
    ascii_dash: bool
    misspell_p: float
    lowercase: bool
    backticks: bool        # wrap code tokens in `...` (Markdown writers)
    drop_parens: float = 0.0  # drop parenthetical asides
    code_renames: list = field(default_factory=list)   # [(regex, new name)] for identifiers
    strip_comments: bool = False
    american: bool = False    # -ize, behavior, color
    leave_out: int = 0        # ideas a terse writer leaves out of a strong answer
    extra_p: float = 0.45     # how readily extra details are added

    @staticmethod
    def make(rng: random.Random, **over) -> "Voice":
        swaps = []
        for word, options in SYNONYMS:
            swaps.append((re.compile(r"\b" + word + r"\b", re.I if word[0].islower() else 0),
                          rng.choice(options)))
        v = Voice(swaps=swaps, swap_p=rng.uniform(0.25, 0.7), starter_p=rng.uniform(0.0, 0.35),
                  starters=rng.sample(STARTERS, 3), word=False, ascii_dash=rng.random() < 0.4,
                  misspell_p=0.0, lowercase=False, backticks=False)
        for name, options in CODE_RENAMES:
            if rng.random() < 0.6:
                # not after a dot: r.result() and concurrent.futures are the library's names
                v.code_renames.append((re.compile(r"(?<![.\w])" + name + r"\b"), rng.choice(options)))
        v.strip_comments = rng.random() < 0.4
        v.american = rng.random() < 0.45
        v.leave_out, v.extra_p = rng.choice([(0, 0.7), (0, 0.45), (1, 0.3), (2, 0.1)])
        v.drop_parens = rng.choice([0.0, 0.5, 0.9])
        for k, val in over.items():
            setattr(v, k, val)
        return v

    def code(self, code: str) -> str:
        for rx, new in self.code_renames:
            code = rx.sub(new, code)
        if self.strip_comments:
            code = "\n".join(re.sub(r"(?<=\S)\s+#\s.*$", "", l) for l in code.splitlines())
        return code

    def sentence(self, s: str, rng: random.Random) -> str:
        if self.drop_parens:
            s = PAREN_RX.sub(lambda m: "" if rng.random() < self.drop_parens else m.group(0), s)
        for rx, repl in self.swaps:
            s = rx.sub(lambda m: _case_like(m.group(0), repl) if rng.random() < self.swap_p else m.group(0), s)
        return s

    def start(self, s: str, rng: random.Random) -> str:
        if rng.random() >= self.starter_p:
            return s
        first = s.split(" ", 1)[0]
        if first not in LOWERABLE or first in PROPER - LOWERABLE:
            return s
        st = rng.choice(self.starters)
        return st + s[0].lower() + s[1:]

    def finish(self, prose: str, rng: random.Random) -> str:
        if self.misspell_p:
            for right, wrong in MISSPELL:
                prose = re.sub(r"\b" + right, lambda m: _case_like(m.group(0), wrong)
                               if rng.random() < self.misspell_p else m.group(0), prose, flags=re.I)
        if self.backticks:
            for tok in CODE_TOKENS:
                prose = re.sub(r"(?<![\w`*@.])" + re.escape(tok) + r"(?![\w`(.])", "`" + tok + "`", prose)
        if self.american:
            for rx, us in AMERICAN:
                prose = rx.sub(lambda m: _case_like(m.group(0), us), prose)
        if self.lowercase:
            prose = prose.lower()
        if self.word:
            prose = curly(prose)
        elif self.ascii_dash:
            prose = ascii_dashes(prose)
        return prose


# --------------------------------------------------------------------------
# Candidates. Everything about a candidate is fixed here or drawn from a
# random.Random seeded with its slug, so editing one leaves the others alone.
# --------------------------------------------------------------------------
@dataclass
class Cand:
    name: str
    slug: str
    layout: str = "file"          # file | folder
    ext: str = ".md"
    style: str = "Q"              # Q | num | question | prompt | q0 | mixed  (folder: q01 | Q2 | 3 | mixednames)
    fm: str = "full"              # full | noid | none | extra | quoted
    enc: str = "lf"               # lf | crlf | bom
    traits: tuple = ()
    ability: float | None = None
    cid: str = ""
    email: str = ""
    forced: dict = field(default_factory=dict)


def _c(name, slug, layout="file", ext=".md", style="Q", fm="full", enc="lf", traits=(), ability=None):
    return Cand(name, slug, layout, ext, style, fm, enc, tuple(traits.split()) if isinstance(traits, str) else traits, ability)


CANDIDATES = [
    _c("Zoë Müller", "zoe-muller", style="Q", traits="word code title", ability=0.86),
    _c("José Ramírez", "jose-ramirez", style="num", enc="crlf"),
    _c("Priya Raman", "priya-raman", ext=".txt", style="question", fm="none", traits="wrap tight"),
    _c("Björn Lindqvist", "bjorn-lindqvist", style="prompt", enc="bom", traits="title"),
    _c("Chloé Durand", "chloe-durand", style="q0", fm="noid", traits="bullets backticks"),
    _c("Daniel Osei", "daniel-osei", ext=".txt", style="Q", enc="crlf", traits="echo", ability=0.22),
    _c("Grace Liu", "grace-liu", style="Q", traits="perfect code title backticks", ability=0.97),
    _c("Tom Hendricks", "Tom Hendricks - answers", ext=".txt", style="question", fm="none", traits="lowercase", ability=0.4),
    _c("Fatima Al-Sayed", "fatima-al-sayed", style="num", fm="extra", traits="misconceived", ability=0.6),
    _c("Søren Kjær", "soren-kjaer", style="prompt", traits="word"),
    _c("Kenji Watanabe", "kenji-watanabe", style="q0"),
    _c("Hannah Schulz", "hannah-schulz", ext=".txt", style="question", fm="noid", enc="bom", traits="speller wrap", ability=0.7),
    _c("Liam Brennan", "liam-brennan", style="mixed", traits="rambler", ability=0.3),
    _c("Maya Cohen", "maya-cohen", style="Q", fm="quoted", traits="code", ability=0.82),
    _c("Ana Lúcia Ferreira", "ana-lucia-ferreira", style="prompt"),
    _c("Łukasz Wróbel", "lukasz-wrobel", ext=".txt", style="Q", enc="crlf", traits="speller", ability=0.66),
    _c("Oliver Grant", "oliver-grant", style="num", fm="none", traits="sparse", ability=0.55),
    _c("Nguyễn Thị Lan", "nguyen-thi-lan", style="Q"),
    _c("İrem Yıldız", "irem-yildiz", style="q0", traits="code subheading backticks", ability=0.78),
    _c("François Lefèvre", "francois-lefevre", ext=".txt", style="question", traits="word"),
    _c("Sofia Rossi", "sofia-rossi", style="Q", traits="copycat", ability=0.3),
    _c("Ethan Park", "ethan-park", style="num", traits="emptyheadings", ability=0.35),
    _c("Amara Nwosu", "amara-nwosu", style="prompt", traits="bullets"),
    _c("Lucas Moreau", "lucas-moreau", ext=".txt", style="Q", fm="none", traits="noeol"),
    _c("Elif Demir", "elif-demir", style="Q", traits="shuffled"),
    _c("Noah Fischer", "noah-fischer", style="q0", traits="title"),
    _c("Isla Mackenzie", "isla-mackenzie", style="question", traits="tight"),
    _c("Ravi Patel", "ravi-patel", ext=".txt", style="num", traits="code indented"),
    _c("Siobhán O'Connell", "siobhan-oconnell", style="Q", traits="word"),
    _c("Mateo Peña", "mateo-pena", style="prompt", traits="preamble"),
    _c("Yara Haddad", "yara-haddad", ext=".txt", style="question", fm="noid", traits="wrap paraphraser"),
    _c("Ingrid Åberg", "ingrid-aberg", style="Q", traits="preamble title"),
    _c("Camila Torres", "camila-torres", style="num", traits="shuffled confused"),
    _c("Arjun Mehta", "arjun-mehta", style="q0", traits="code"),
    _c("Renée Okafor", "renee-okafor", style="Q", traits="word bullets"),
    _c("Marta Kowalska", "marta-kowalska", ext=".txt", style="Q"),
    _c("Tariq Hassan", "tariq-hassan", style="prompt", fm="extra"),
    _c("Leah Goldberg", "leah-goldberg", style="Q", fm="none", traits="confused"),
    # one folder per candidate, one file per question
    _c("Felix Wagner", "felix-wagner", layout="folder", style="q01", fm="full"),
    _c("Nina Petrova", "nina-petrova", layout="folder", ext=".txt", style="Q2", fm="none"),
    _c("Omar Farouk", "omar-farouk", layout="folder", style="3", fm="full", traits="code"),
    _c("Ciara Doyle", "ciara-doyle", layout="folder", style="mixednames", fm="none", enc="crlf"),
    _c("Jonas Berg", "jonas-berg", layout="folder", ext=".txt", style="q01", fm="noid"),
    _c("Emma Lindgren", "emma-lindgren", layout="folder", style="Q2", fm="none", traits="word"),
]

COPY_SOURCE = "maya-cohen"          # sofia-rossi copies 14 answers from her
PARAPHRASE_SOURCE = "elif-demir"    # yara-haddad copies 5 answers from her, in her own words
MISCONCEIVED = {2: 0, 3: 0, 5: 0, 6: 0, 16: 0, 18: 0, 25: 0, 32: 0, 22: 0}
EMAIL_DOMAINS = ["example.org", "example.com", "example.net", "mail.example.org"]
TITLES = ["# Python interview — written answers", "# Python screening test",
          "# Answers", "# Take-home questions: Python"]
PREAMBLES = ["Hi! Below are my answers. I ran out of time on a couple of them, sorry.",
             "Answers written without looking anything up, as requested."]


def ascii_fold(s: str) -> str:
    import unicodedata
    table = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "İ": "I", "å": "a", "Å": "A",
             "æ": "ae", "ß": "ss", "đ": "d"}
    s = "".join(table.get(ch, ch) for ch in s)
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def setup_candidates() -> list[Cand]:
    spread_rng = random.Random(SEED + ":abilities")
    free = [c for c in CANDIDATES if c.ability is None]
    levels = [0.12 + 0.8 * i / (len(free) - 1) for i in range(len(free))]
    spread_rng.shuffle(levels)
    for c, a in zip(free, levels):
        c.ability = round(a + spread_rng.uniform(-0.04, 0.04), 3)
    for i, c in enumerate(CANDIDATES, 1):
        c.cid = f"c{i:03d}"
        first, *rest = ascii_fold(c.name).lower().replace("'", "").split()
        c.email = f"{first}.{rest[-1]}@{EMAIL_DOMAINS[i % len(EMAIL_DOMAINS)]}"
        if "misconceived" in c.traits:
            c.forced = {q: ("wrong", v) for q, v in MISCONCEIVED.items()}
    slugs = [c.slug for c in CANDIDATES]
    assert len(set(slugs)) == len(slugs)
    return CANDIDATES


# --------------------------------------------------------------------------
# Answer assembly
# --------------------------------------------------------------------------
DIFFICULTY = {}
_drng = random.Random(SEED + ":difficulty")
for _n in range(1, NQ + 1):
    DIFFICULTY[_n] = round(_drng.uniform(-0.12, 0.18), 3)


def pick_quality(c: Cand, n: int, rng: random.Random) -> tuple[str, int | None]:
    if n in c.forced:
        return c.forced[n]
    a = c.ability
    t = c.traits
    if "sparse" in t and n not in (1, 3, 4, 8, 17, 20):
        return ("missing", None)
    if "echo" in t and rng.random() < 0.4:
        return ("echo", None)
    if "rambler" in t and rng.random() < 0.45:
        return ("offtopic", None)
    if "confused" in t and rng.random() < 0.2:
        return ("confused", None)
    if rng.random() < 0.02 + 0.07 * (1 - a):
        return ("missing", None)
    if rng.random() < 0.03 + 0.06 * (1 - a):
        return ("wrong", None)
    if rng.random() < 0.012:
        return ("offtopic", None)
    if a < 0.4 and rng.random() < 0.02:
        return ("echo", None)
    s = a - DIFFICULTY[n] + rng.gauss(0, 0.15)
    if s > 0.66:
        return ("strong", None)
    if s > 0.44:
        return ("partial", None)
    if s > 0.27:
        return ("weak", None)
    return (rng.choices(["wrong", "idk", "missing", "confused", "weak"], [3, 3, 2, 1, 2])[0], None)


def words(s: str) -> int:
    return len(s.split())


def pick_code(n: int, rng: random.Random) -> str:
    """One of the question's two snippets: people who write code rarely write the same code."""
    return CODE[n] if rng.random() < 0.5 or n not in CODE_ALT else CODE_ALT[n]


def compose(c: Cand, n: int, quality: str, variant, voice: Voice, rng: random.Random):
    """One attempt at candidate c's answer to question n at the given quality.

    Returns (pieces, paragraphs of voiced sentences or a bullet marker, code or None)."""
    q = PIECES[n]
    ideas = q["ideas"]
    code = None
    t = c.traits
    code_p = 0.75 if "code" in t else 0.12
    if "perfect" in t:
        code_p = 0.6 if n not in (2, 5, 26) else 1.0
    bullets = False
    pick = lambda options: rng.choice(options)  # noqa: E731
    if quality == "strong":
        idx = list(range(len(ideas)))
        # how much a candidate writes is theirs: terse ones leave ideas out, verbose ones add
        for _ in range(voice.leave_out):
            if len(idx) > 3 or (len(idx) > 2 and rng.random() < 0.5):
                idx.remove(rng.choice(idx[1:]))
        if rng.random() < 0.35 and len(idx) > 3:
            idx.remove(rng.choice(idx[1:]))
        if rng.random() < 0.45:           # reorder the tail
            tail = idx[1:]
            rng.shuffle(tail)
            idx = idx[:1] + tail
        pieces = [pick(ideas[i]) for i in idx]
        for ex in rng.sample(q["extra"], len(q["extra"])):
            if rng.random() < voice.extra_p and sum(words(p.text) for p in pieces) < 95:
                pieces.insert(rng.randint(1, len(pieces)), ex)
        while sum(words(p.text) for p in pieces) > 125 and len(pieces) > 3:
            pieces.pop(-2)
        if n in CODE and rng.random() < code_p:
            code = pick_code(n, rng)
        bullets = "bullets" in t and rng.random() < 0.6
    elif quality == "partial":
        k = 2 if rng.random() < 0.35 + 0.4 * c.ability else 1
        pool = list(range(len(ideas)))
        chosen = sorted(rng.sample(pool[:3], k)) if rng.random() < 0.7 else sorted(rng.sample(pool, k))
        pieces = [pick(ideas[i]) for i in chosen]
        if rng.random() < 0.3:
            pieces.append(Piece(rng.choice(HEDGES), "filler"))
        elif rng.random() < 0.25:
            pieces.insert(0, pick(q["weak"]))
        if n in CODE and rng.random() < code_p * 0.3:
            code = pick_code(n, rng)
    elif quality == "weak":
        pieces = [pick(q["weak"])]
        if rng.random() < 0.4:
            pieces.append(Piece(rng.choice(HEDGES), "filler"))
    elif quality == "wrong":
        w = q["wrong"][variant] if variant is not None else pick(q["wrong"])
        r = rng.random()
        if variant is None and r < 0.3:
            pieces = [pick(ideas[0]), w]
        elif r < 0.5:
            pieces = [w, pick(q["weak"])]
        else:
            pieces = [w]
    elif quality == "offtopic":
        pieces = [Piece(rng.choice(OFF_TOPIC), "filler")]
        if rng.random() < 0.4:
            pieces.append(Piece(rng.choice(OFF_TOPIC), "filler"))
    elif quality == "confused":
        other = PIECES[CONFUSED_WITH[n]]
        pieces = [Piece(pick(other["ideas"][0]).text, "filler"), Piece(pick(other["ideas"][1]).text, "filler")]
    elif quality == "idk":
        return [], [[rng.choice(DONT_KNOW)]], None
    elif quality == "echo":
        p = PROMPTS[n - 1]
        tail = rng.choice(["", "", " It depends on the situation.", " This is an important topic in Python."])
        return [], [[p + tail]], None
    else:
        raise ValueError(quality)

    sents = [voice.sentence(p.text, rng) for p in pieces]
    if sents and not bullets:
        sents[0] = voice.start(sents[0], rng)
    # paragraphs: long answers sometimes split in two
    if bullets:
        paras = [["BULLETS"] + sents]
    elif len(sents) >= 4 and rng.random() < 0.45:
        cut = rng.randint(2, len(sents) - 1)
        paras = [sents[:cut], sents[cut:]]
    else:
        paras = [sents]
    return pieces, paras, code


def human_grade(n: int, quality: str, pieces: list[Piece], code: str | None) -> int:
    """The mark a person gives this answer, from the marks of its pieces (human-grades.md).

    Each key idea counts once, at the best credit any sentence or the code gives it; a vague
    sentence stands for the answer only when it beats the ideas; any sound extra adds 1;
    misconceptions are subtracted; the result is clamped to 0..max. Answers that do not
    attempt the question (off-topic, another question's answer, restated, don't know,
    missing) score 0."""
    if quality in ("missing", "idk", "echo", "offtopic", "confused"):
        return 0
    scheme = SCHEMES[n]
    credit: dict[str, int] = {}
    for p in pieces:
        if p.kind == "idea":
            credit[p.item] = max(credit.get(p.item, 0), p.points)
    if code:
        for item, pts in scheme.code.items():
            credit[item] = max(credit.get(item, 0), min(pts, scheme.items[item]))
    ideas = sum(credit.values())
    weak = max([p.points for p in pieces if p.kind == "weak"], default=0)
    extra = 1 if ideas and any(p.kind == "extra" for p in pieces) else 0
    penalty = sum(p.points for p in pieces if p.kind == "wrong")
    return max(0, min(scheme.max, max(ideas, weak) + extra - penalty))


def render_code(code: str, c: Cand, voice: Voice, rng: random.Random) -> str:
    t = c.traits
    code = voice.code(code)
    if "indented" in t or (c.ext == ".txt" and rng.random() < 0.5):
        return "\n".join(("    " + l) if l.strip() else "" for l in code.splitlines())
    fence = "```python" if rng.random() < 0.75 else "```"
    return fence + "\n" + code + "\n```"


def render_body(c: Cand, n: int, paras, code, voice: Voice, rng: random.Random) -> str:
    blocks = []
    for p in paras:
        if p and p[0] == "BULLETS":
            items = p[1:]
            lead = ""
            if rng.random() < 0.5:
                lead = rng.choice(["Key points:", "In short:", "Main points:"]) + "\n"
            blocks.append(lead + "\n".join("- " + voice.finish(s, rng) for s in items))
        else:
            text = voice.finish(" ".join(p), rng)
            if "wrap" in c.traits:
                text = textwrap.fill(text, width=72, break_on_hyphens=False, break_long_words=False)
            blocks.append(text)
    if code:
        if "subheading" in c.traits and c.ext == ".md":
            blocks.append("#### Example")
        elif rng.random() < 0.5:
            blocks.append(rng.choice(["For example:", "Example:", "Something like this:", "Quick example:"]))
        blocks.append(render_code(code, c, voice, rng))
    return "\n\n".join(blocks)


def heading(style: str, n: int, rng: random.Random) -> str:
    if style == "mixed":
        style = ["Q", "num", "q0", "question"][n % 4]
    if style == "Q":
        return f"## Q{n}"
    if style == "num":
        return f"## {n}"
    if style == "question":
        return f"Question {n}:"
    if style == "prompt":
        return f"### {n}. {PROMPTS[n - 1]}"
    if style == "q0":
        return f"## q{n:02d}"
    raise ValueError(style)


def folder_name(style: str, n: int, ext: str) -> str:
    if style == "mixednames":
        style = ["q01", "Q2", "3"][n % 3]
        ext = [".md", ".txt", ".md"][n % 3]
    if style == "q01":
        return f"q{n:02d}{ext}"
    if style == "Q2":
        return f"Q{n}{ext}"
    if style == "3":
        return f"{n}{ext}"
    raise ValueError(style)


def front_matter(c: Cand) -> str:
    if c.fm == "none":
        return ""
    lines = ["---"]
    if c.fm in ("full", "extra"):
        lines.append(f"id: {c.cid}")
    if c.fm == "quoted":
        lines += [f'id: "{c.cid}"', f'name: "{c.name}"', f'email: "{c.email}"']
    else:
        lines += [f"name: {c.name}", f"email: {c.email}"]
    if c.fm == "extra":
        lines += ["submitted: 2024-05-14T09:31:00Z", "cohort: spring-2024"]
    lines.append("---")
    return "\n".join(lines) + "\n"


def encode(text: str, enc: str) -> bytes:
    if enc == "crlf":
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if enc == "bom":
        data = b"\xef\xbb\xbf" + data
    return data


@dataclass
class Answer:
    n: int
    quality: str
    body: str          # "" for missing
    grade: int = 0     # the human mark (human_grade), carried along by copies


# Word characters as the grader's similarity search sees them (Shingles.swift): ASCII letters,
# digits and _, and any non-ASCII character outside the General Punctuation block.
WORD_RX = re.compile("[A-Za-z0-9_\u0080-\u1fff\u2070-\U0010ffff]+")


def shingles(text: str) -> frozenset:
    w = [x.lower() for x in WORD_RX.findall(text)]
    return frozenset(tuple(w[i:i + 4]) for i in range(len(w) - 3))


def jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


# How many wordings of each answer are tried: the one least like anybody's earlier answer to
# that question is kept, so no two honest candidates share long runs of words.
ATTEMPTS = 30


def build_answers(c: Cand, copied_from: dict[int, Answer] | None,
                  earlier: dict[int, list[frozenset]], paraphrased_from: dict[int, Answer] | None = None
                  ) -> list[Answer]:
    rng = random.Random(f"{SEED}:{c.slug}")
    t = c.traits
    voice = Voice.make(rng, word="word" in t, lowercase="lowercase" in t,
                       backticks="backticks" in t and c.ext == ".md",
                       misspell_p=0.75 if "speller" in t else 0.0)
    if "word" in t or "lowercase" in t:
        voice.ascii_dash = False
    copy_qs = set()
    if "copycat" in t and copied_from:
        avail = [n for n, a in copied_from.items() if a.quality in ("strong", "partial")]
        copy_qs = set(rng.sample(avail, min(14, len(avail))))
    reword_qs = set()
    if "paraphraser" in t and paraphrased_from:
        avail = [n for n, a in paraphrased_from.items()
                 if a.quality in ("strong", "partial") and "```" not in a.body and "\n    " not in a.body
                 and words(a.body) >= 25]
        reword_qs = set(rng.sample(avail, min(5, len(avail))))
    out = []
    for n in range(1, NQ + 1):
        quality, variant = pick_quality(c, n, rng)
        if n in copy_qs:
            src = copied_from[n]
            body = src.body
            if rng.random() < 0.3:        # a light edit: drop the first sentence starter / reorder paragraphs
                parts = body.split("\n\n")
                body = "\n\n".join(parts[::-1]) if len(parts) > 1 else body.replace(", ", " ", 1)
            out.append(Answer(n, "copied-" + src.quality, body, src.grade))
            continue
        if n in reword_qs:
            # a partial copy: the same sentences, passed through this candidate's own words
            src = paraphrased_from[n]
            reword = Voice.make(random.Random(f"{SEED}:{c.slug}:reword"), swap_p=1.0)
            paras = []
            for para in src.body.split("\n\n"):
                sents = re.split(r"(?<=[.!?])\s+", para)
                if len(sents) > 2:            # the same points, not quite in the same order
                    sents = sents[:1] + sents[2:] + sents[1:2]
                paras.append(" ".join(reword.sentence(x, rng) for x in sents))
            body = "\n\n".join(paras)
            body = voice.finish(body, rng)
            if "wrap" in t:
                body = "\n\n".join(textwrap.fill(p, width=72, break_on_hyphens=False, break_long_words=False)
                                   for p in body.split("\n\n"))
            out.append(Answer(n, "reworded-" + src.quality, body, src.grade))
            continue
        if quality == "missing":
            out.append(Answer(n, "missing", ""))
            continue
        best = None
        for attempt in range(ATTEMPTS):
            arng = random.Random(f"{SEED}:{c.slug}:q{n}:{attempt}")
            pieces, paras, code = compose(c, n, quality, variant, voice, arng)
            body = render_body(c, n, paras, code, voice, arng)
            sh = shingles(body)
            closest = max((jaccard(sh, other) for other in earlier[n]), default=0.0)
            if best is None or closest < best[0]:
                best = (closest, body, sh, human_grade(n, quality, pieces, code))
            if closest < 0.12:
                break
        _, body, sh, grade = best
        earlier[n].append(sh)
        out.append(Answer(n, quality, body, grade))
    return out


def render_file(c: Cand, answers: list[Answer], rng: random.Random) -> str:
    t = c.traits
    parts = []
    fm = front_matter(c)
    if fm:
        parts.append(fm)
    if "title" in t and c.ext == ".md":
        parts.append(rng.choice(TITLES) + "\n")
    if "preamble" in t:
        parts.append(rng.choice(PREAMBLES) + "\n")
    order = list(answers)
    if "shuffled" in t:
        # answered the easy ones first, then went back
        head = [a for a in order if a.quality == "strong"]
        rest = [a for a in order if a.quality != "strong"]
        order = head + rest
    empty_p = 1.0 if "emptyheadings" in t else 0.5
    for a in order:
        if a.quality == "missing":
            if rng.random() < empty_p:
                parts.append(heading(c.style, a.n, rng) + "\n")
            continue
        h = heading(c.style, a.n, rng)
        sep = "\n" if ("tight" in t and c.style in ("question", "mixed")) else "\n\n"
        parts.append(h + sep + a.body + "\n")
    text = "\n".join(parts)
    if "noeol" in t:
        text = text.rstrip("\n")
    return text


def write_candidate(c: Cand, answers: list[Answer], out: Path) -> list[Path]:
    rng = random.Random(f"{SEED}:{c.slug}:layout")
    written = []
    if c.layout == "file":
        path = out / (c.slug + c.ext)
        path.write_bytes(encode(render_file(c, answers, rng), c.enc))
        written.append(path)
        return written
    folder = out / c.slug
    folder.mkdir()
    first = True
    for a in answers:
        name = folder_name(c.style, a.n, c.ext)
        body = a.body
        if a.quality == "missing":
            if rng.random() < 0.6:
                continue               # no file for this question
            body = ""                  # an empty file
        text = body + "\n" if body else ""
        if first and c.fm != "none":
            text = front_matter(c) + text
        first = False
        path = folder / name
        path.write_bytes(encode(text, c.enc))
        written.append(path)
    return written


def clean(out: Path) -> int:
    """Delete what an earlier run wrote: top-level .md/.txt files and folders of .md/.txt files."""
    removed = 0
    if not out.exists():
        out.mkdir(parents=True)
        return 0
    for p in sorted(out.iterdir()):
        if p.name.startswith("."):
            continue
        if p.is_file() and p.suffix in (".md", ".txt"):
            p.unlink()
            removed += 1
        elif p.is_dir() and all(f.is_file() and f.suffix in (".md", ".txt") for f in p.iterdir()):
            shutil.rmtree(p)
            removed += 1
    return removed


def report_id(c: Cand) -> str:
    """The id the grader reports the candidate under: the front matter's, else the file or
    folder name made safe (CandidateIDs.safe: accents dropped, other characters to '-')."""
    if c.fm in ("full", "extra", "quoted"):
        return c.cid
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_fold(c.slug))
    return re.sub(r"-{2,}", "-", safe).strip(".-")


def write_grades(path: Path, cands: list[Cand], all_answers: dict[str, list[Answer]]) -> None:
    """The human grades: one row per candidate, one column per question, sorted by id."""
    rows = sorted((report_id(c), [a.grade for a in all_answers[c.slug]]) for c in cands)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id"] + [f"q{n:02d}" for n in range(1, NQ + 1)])
        for cid, marks in rows:
            w.writerow([cid] + marks)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: Submissions/ of the repo)")
    ap.add_argument("--key", type=Path, help="also write a CSV of the intended quality of every answer")
    ap.add_argument("--grades", type=Path, help="where to write the human grades CSV (default: "
                    "Rubrics/python-interview.human-grades.csv when writing Submissions/ of the repo)")
    args = ap.parse_args(argv)
    out = args.out
    removed = clean(out)
    cands = setup_candidates()
    all_answers: dict[str, list[Answer]] = {}
    files = []
    earlier: dict[int, list[frozenset]] = {n: [] for n in range(1, NQ + 1)}
    for c in cands:
        src = {a.n: a for a in all_answers[COPY_SOURCE]} if "copycat" in c.traits else None
        para = {a.n: a for a in all_answers[PARAPHRASE_SOURCE]} if "paraphraser" in c.traits else None
        answers = build_answers(c, src, earlier, para)
        all_answers[c.slug] = answers
        files += write_candidate(c, answers, out)

    mix: dict[str, int] = {}
    for answers in all_answers.values():
        for a in answers:
            mix[a.quality] = mix.get(a.quality, 0) + 1
    total = sum(p.stat().st_size for p in files)
    print(f"removed {removed} old entries; wrote {len(cands)} candidates, {len(files)} files, "
          f"{total / 1024:.1f} KiB into {out}")
    print("answer mix: " + ", ".join(f"{k} {mix[k]}" for k in sorted(mix)))

    grades = args.grades or (DEFAULT_GRADES if out == DEFAULT_OUT else None)
    if grades:
        write_grades(grades, cands, all_answers)
        print(f"human grades written to {grades}")
    if args.key:
        with open(args.key, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["candidate", "id", "question", "quality", "ability", "words"])
            for c in cands:
                cid = report_id(c)
                for a in all_answers[c.slug]:
                    w.writerow([c.slug, cid, f"q{a.n:02d}", a.quality, c.ability, words(a.body)])
        print(f"key written to {args.key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

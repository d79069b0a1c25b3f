// Collections of incomplete element types, as std::vector allows since C++17: the class can be
// named, declared as a member and have its iterator types named while T is incomplete (a tree
// node holding a collection of nodes); T must be complete where a member is used.

#include <buffers/base/allocator_buffer.hpp>
#include <buffers/base/heap_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/composite/at_least_buffer.hpp>
#include <buffers/composite/default_buffer.hpp>
#include <buffers/composite/exponential_growth_buffer.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace {

// The buffers whose storage is out of line, each as `buffer<T>`.
struct DefaultFamily {
    template <class T>
    using buffer = buffers::DefaultBuffer<T>;
};
struct HeapFamily {
    template <class T>
    using buffer = buffers::HeapBuffer<T>;
};
struct AllocatorFamily {
    template <class T>
    using buffer = buffers::AllocatorBuffer<T>;
};
struct GrowingAllocatorFamily {
    template <class T>
    using buffer = buffers::ExponentialGrowthBuffer<buffers::AllocatorBuffer<T>>;
};
struct AtLeastHeapFamily {
    template <class T>
    using buffer = buffers::AtLeastBuffer<buffers::HeapBuffer<T>, 4>;
};

// A tree: each node holds its children in a Vector of nodes, declared while Node is incomplete.
template <class F>
struct Node {
    int value = 0;
    buffers::Vector<Node, typename F::template buffer<Node>> children;
    // Named while Node is incomplete too.
    using iterator = typename buffers::Vector<Node, typename F::template buffer<Node>>::iterator;
};

template <class F>
int sum(const Node<F>& n) {
    int s = n.value;
    for (const auto& c : n.children)
        s += sum(c);
    return s;
}

template <class F>
Node<F> make_tree(int depth, int& next) {
    Node<F> n{next++, {}};
    if (depth > 0)
        for (int i = 0; i < 3; ++i)
            n.children.push_back(make_tree<F>(depth - 1, next));
    return n;
}

TEMPLATE_TEST_CASE("a tree of nodes, each holding a Vector of nodes", "[incomplete]", DefaultFamily,
                   HeapFamily, AllocatorFamily, GrowingAllocatorFamily, AtLeastHeapFamily) {
    using N = Node<TestType>;
    STATIC_REQUIRE(std::is_copy_constructible_v<N>);
    STATIC_REQUIRE(std::is_nothrow_move_constructible_v<N>);
    STATIC_REQUIRE(std::is_same_v<typename N::iterator, N*>);

    int next = 0;
    N root = make_tree<TestType>(3, next); // 1 + 3 + 9 + 27 nodes, values 0 .. 39
    CHECK(next == 40);
    CHECK(sum(root) == 39 * 40 / 2);
    CHECK(root.children.size() == 3);
    CHECK(root.children[2].children[2].children[2].value == 39);

    // Copies are deep; growth relocates subtrees without touching their contents.
    N copy = root;
    root.children[0].children.clear();
    CHECK(sum(copy) == 39 * 40 / 2);
    for (int i = 0; i < 20; ++i)
        copy.children.push_back(N{1000, {}});
    copy.children.insert(copy.children.begin(), N{1, {N{2, {}}}});
    CHECK(copy.children.front().children.front().value == 2);
    CHECK(copy.children[1].children.size() == 3);
    CHECK(sum(copy) == 780 + 3 + 20 * 1000);
    copy.children.erase(copy.children.begin() + 1); // the subtree of values 1 .. 13
    CHECK(sum(copy) == 780 + 3 + 20 * 1000 - 91);
    N moved = std::move(copy);
    CHECK(moved.children.size() == 23);
    CHECK(copy.children.empty());
}

// A Deque of nodes as a member, and a Vector and a Deque of each other.
struct Task {
    std::string name;
    buffers::Deque<Task> subtasks;
};
struct Graph;
struct Vertex {
    int id = 0;
    buffers::Deque<Vertex, buffers::HeapBuffer<Vertex>> pending;
    buffers::Vector<Graph>* owner = nullptr; // a pointer to a collection of an incomplete type
};
struct Graph {
    buffers::Vector<Vertex> vertices;
};

TEST_CASE("a Deque of nodes as a member of the node", "[incomplete]") {
    Task root{"root", {}};
    root.subtasks.push_back(Task{"b", {}});
    root.subtasks.push_front(Task{"a", {}});
    root.subtasks.back().subtasks.emplace_back(Task{"b1", {}});
    for (int i = 0; i < 10; ++i)
        root.subtasks.push_front(Task{std::to_string(i), {}});
    REQUIRE(root.subtasks.size() == 12);
    CHECK(root.subtasks.front().name == "9");
    CHECK(root.subtasks.back().subtasks.front().name == "b1");
    Task copy = root;
    root.subtasks.pop_back();
    CHECK(copy.subtasks.back().subtasks.size() == 1);
    CHECK(root.subtasks.back().name == "a");

    Graph g;
    g.vertices.resize(3);
    g.vertices[1].pending.push_back(Vertex{7, {}, nullptr});
    g.vertices.push_back(Vertex{3, {}, nullptr});
    CHECK(g.vertices[1].pending.front().id == 7);
}

// Iterator and other member types named while the element type is incomplete.
struct Cursor {
    buffers::Vector<Cursor>::iterator it;
    buffers::Vector<Cursor>::const_iterator cit;
    buffers::Vector<Cursor>::reverse_iterator rit;
    buffers::Vector<Cursor, buffers::AllocatorBuffer<Cursor>>::size_type n = 0;
    buffers::Deque<Cursor>::iterator dit;
    buffers::Deque<Cursor>::const_iterator dcit;
    buffers::Deque<Cursor, buffers::HeapBuffer<Cursor>>::reference (*pick)(Cursor&) = nullptr;
};

TEST_CASE("iterator types of a collection of an incomplete type", "[incomplete]") {
    STATIC_REQUIRE(std::is_same_v<buffers::Vector<Cursor>::iterator, Cursor*>);
    STATIC_REQUIRE(std::is_same_v<buffers::Vector<Cursor>::const_iterator, const Cursor*>);
    STATIC_REQUIRE(std::random_access_iterator<buffers::Deque<Cursor>::iterator>);
    buffers::Vector<Cursor> v(2);
    v[0].it = v.begin() + 1;
    CHECK(v[0].it == &v[1]);
    buffers::Deque<Cursor> d(3);
    d[2].dit = d.begin();
    CHECK(d[2].dit == d.begin());
}

// A singly linked structure through AllocatorBuffer with std::allocator: each link owns the
// rest of the chain in a Vector of at most one link.
struct Link {
    int value;
    buffers::Vector<Link, buffers::AllocatorBuffer<Link, std::allocator<Link>>> next;
};

TEST_CASE("a linked structure through AllocatorBuffer with std::allocator", "[incomplete]") {
    Link head{0, {}};
    Link* tail = &head;
    for (int i = 1; i <= 100; ++i) {
        tail->next.push_back(Link{i, {}});
        tail = &tail->next.front();
    }
    int count = 0;
    long total = 0;
    for (const Link* l = &head;; l = &l->next.front()) {
        ++count;
        total += l->value;
        if (l->next.empty())
            break;
    }
    CHECK(count == 101);
    CHECK(total == 5050);
    CHECK(head.next.get_allocator() == std::allocator<Link>());
    Link copy = head;
    head.next.clear();
    CHECK(copy.next.front().next.front().value == 2);
}

// A collection member of a type that is completed only after the class that holds it.
struct Later;
struct Holder {
    buffers::Vector<Later> items;
    buffers::Deque<Later> queue;
};
struct Later {
    int x;
};

TEST_CASE("a collection of a type completed after the class that holds it", "[incomplete]") {
    Holder h;
    h.items.push_back(Later{1});
    h.queue.push_front(Later{2});
    CHECK(h.items.front().x == 1);
    CHECK(h.queue.front().x == 2);
}

} // namespace

// nlohmann::json's json_value::destroy without std::terminate when memory runs out; see
// oom_destroy.hpp for why and how it is wired in.
#include "json/oom_destroy.hpp"

#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace drp::json::teardown {
namespace {

using njson = nlohmann::json;

/// Empties every array and object inside `j`, deepest first. Allocates nothing: clearing a
/// container whose children are scalars, strings or empty containers only frees memory.
void in_place(njson& j) noexcept {
    if (auto* array = j.get_ptr<njson::array_t*>()) {
        for (auto& child : *array) in_place(child);
        array->clear();
    } else if (auto* object = j.get_ptr<njson::object_t*>()) {
        for (auto& member : *object) in_place(member.second);
        object->clear();
    }
}

/// nlohmann/json's own teardown (json_value::destroy, 3.10-3.11): the children of the
/// value being destroyed, and theirs, are moved onto a stack and emptied one by one, so no
/// recursion however deep the document. Throws std::bad_alloc when the stack cannot grow;
/// what was moved is then destroyed during unwinding (by this same code, which falls back)
/// and the caller takes the rest apart in place.
void iteratively(njson::array_t* array, njson::object_t* object) {
    std::vector<njson> stack;
    if (array) {
        stack.reserve(array->size());
        std::move(array->begin(), array->end(), std::back_inserter(stack));
    } else {
        stack.reserve(object->size());
        for (auto&& member : *object) stack.push_back(std::move(member.second));
    }
    while (!stack.empty()) {
        njson current(std::move(stack.back()));
        stack.pop_back();
        if (auto* a = current.get_ptr<njson::array_t*>()) {
            std::move(a->begin(), a->end(), std::back_inserter(stack));
            a->clear();
        } else if (auto* o = current.get_ptr<njson::object_t*>()) {
            for (auto&& member : *o) stack.push_back(std::move(member.second));
            o->clear();
        }
        // current has no children left: destroying it allocates nothing
    }
}

template <class T>
void deallocate(T* p) noexcept {
    std::allocator<T> alloc;  // basic_json<>'s AllocatorType
    std::allocator_traits<std::allocator<T>>::destroy(alloc, p);
    std::allocator_traits<std::allocator<T>>::deallocate(alloc, p, 1);
}

}  // namespace
}  // namespace drp::json::teardown

template <>
void nlohmann::basic_json<>::json_value::destroy(value_t t) {
    // Never allocated (an allocation failed while the value was being made): nothing to free.
    if ((t == value_t::object && object == nullptr) || (t == value_t::array && array == nullptr) ||
        (t == value_t::string && string == nullptr) || (t == value_t::binary && binary == nullptr))
        return;

    namespace teardown = drp::json::teardown;
    if ((t == value_t::array && !array->empty()) || (t == value_t::object && !object->empty())) {
        try {
            teardown::iteratively(t == value_t::array ? array : nullptr, t == value_t::object ? object : nullptr);
        } catch (...) {  // std::bad_alloc: no memory for the stack
            if (t == value_t::array) {
                for (auto& child : *array) teardown::in_place(child);
            } else {
                for (auto& member : *object) teardown::in_place(member.second);
            }
        }
    }

    switch (t) {
        case value_t::object: teardown::deallocate(object); break;
        case value_t::array: teardown::deallocate(array); break;
        case value_t::string: teardown::deallocate(string); break;
        case value_t::binary: teardown::deallocate(binary); break;
        case value_t::null:
        case value_t::boolean:
        case value_t::number_integer:
        case value_t::number_unsigned:
        case value_t::number_float:
        case value_t::discarded:
        default: break;
    }
}

package io.boucle.platform.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mapping, which finds a handler for an address with variables ({@code /p/{slug}},
 * {@code /api/v1/carts/{id}/checkout}) among the mappings whose fixed first segments are the address's, not among
 * all of them.
 * <p>
 * The framework tries an address's exact mappings first, then, for any address with a variable, evaluates every
 * mapping of the application (about 270: methods, headers, media types, patterns) to compare those that match.
 * Profiled, that scan was 15 % of an order placement's request and of a product page. Here the mappings are kept
 * in a tree by the literal segments their patterns start with; an address walks down it and only the mappings met
 * on the way are evaluated, with the framework's own conditions and comparator. A mapping left out cannot match:
 * a literal segment only matches the same segment (compared as the patterns do, decoded and without matrix
 * variables, in their case sensitivity).
 * <p>
 * Whatever this cannot settle alone goes to the framework's full lookup, which then answers as always: no match
 * among the candidates (404, 405 and 415 are told apart there), two best matches that compare equal (its error),
 * and CORS pre-flight requests.
 */
class IndexedHandlerMapping extends RequestMappingHandlerMapping {

    private volatile Tree tree;

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        HandlerMethod found = lookUpThroughIndex(lookupPath, request);
        return found != null ? found : super.lookupHandlerMethod(lookupPath, request);
    }

    /** The handler the index settles on, with the request told of the match; null: the full lookup is needed. */
    HandlerMethod lookUpThroughIndex(String lookupPath, HttpServletRequest request) {
        if (CorsUtils.isPreFlightRequest(request)) {
            return null;
        }
        List<Mapped> candidates = tree().candidates(segments(lookupPath, request));
        // As the framework does: mappings of exactly this address first, the patterns only when none matches.
        Found found = best(candidates, request, mapped -> mapped.directPaths().contains(lookupPath));
        if (found.none()) {
            found = best(candidates, request, mapped -> true);
        }
        if (found.none() || found.ambiguous()) {
            return null;
        }
        request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, found.handler());
        handleMatch(found.matched(), lookupPath, request);
        return found.handler();
    }

    /** The framework's lookup over every mapping, for comparison in tests. */
    HandlerMethod lookUpByScanningAll(String lookupPath, HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(lookupPath, request);
    }

    private Found best(List<Mapped> candidates, HttpServletRequest request, Predicate<Mapped> among) {
        Comparator<RequestMappingInfo> comparator = null;
        RequestMappingInfo best = null;
        HandlerMethod handler = null;
        boolean ambiguous = false;
        for (Mapped candidate : candidates) {
            if (!among.test(candidate)) {
                continue;
            }
            RequestMappingInfo matched = getMatchingMapping(candidate.info(), request);
            if (matched == null) {
                continue;
            }
            if (best == null) {
                best = matched;
                handler = candidate.handler();
                continue;
            }
            if (comparator == null) {
                comparator = getMappingComparator(request);
            }
            int order = comparator.compare(matched, best);
            if (order < 0) {
                best = matched;
                handler = candidate.handler();
                ambiguous = false;
            } else if (order == 0) {
                ambiguous = true;
            }
        }
        return new Found(best, handler, ambiguous);
    }

    private record Found(RequestMappingInfo matched, HandlerMethod handler, boolean ambiguous) {

        boolean none() {
            return matched == null;
        }
    }

    private List<String> segments(String lookupPath, HttpServletRequest request) {
        PathContainer path = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication()
                : PathContainer.parsePath(lookupPath);
        List<String> segments = new ArrayList<>();
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                segments.add(comparable(segment.valueToMatch()));
            }
        }
        return segments;
    }

    private String comparable(String segment) {
        return getPatternParser() == null || getPatternParser().isCaseSensitive() ? segment : segment.toLowerCase(Locale.ROOT);
    }

    // The tree, made again when mappings change (at start, or when code registers one)

    @Override
    protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
        super.registerHandlerMethod(handler, method, mapping);
        tree = null;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        tree = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        tree = null;
    }

    private Tree tree() {
        Tree current = tree;
        if (current == null) {
            current = new Tree();
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : getHandlerMethods().entrySet()) {
                List<List<String>> prefixes = literalPrefixes(entry.getKey());
                current.add(new Mapped(entry.getKey(), entry.getValue(), Set.copyOf(entry.getKey().getDirectPaths()), prefixes.size() > 1),
                        prefixes);
            }
            tree = current;
        }
        return current;
    }

    /** For each of the mapping's patterns, its leading segments without variables or wildcards; none: the root. */
    private List<List<String>> literalPrefixes(RequestMappingInfo info) {
        if (info.getPathPatternsCondition() == null) {
            return List.of(List.of());
        }
        List<List<String>> prefixes = new ArrayList<>();
        for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
            List<String> literal = new ArrayList<>();
            for (String segment : pattern.getPatternString().split("/")) {
                if (segment.isEmpty() && literal.isEmpty()) {
                    continue;
                }
                if (segment.isEmpty() || segment.chars().anyMatch(c -> c == '{' || c == '}' || c == '*' || c == '?')) {
                    break;
                }
                literal.add(comparable(segment));
            }
            prefixes.add(literal);
        }
        return prefixes;
    }

    /**
     * A mapping, its handler, the addresses it maps without variables, and whether it has several patterns (a walk
     * may then meet it twice).
     */
    private record Mapped(RequestMappingInfo info, HandlerMethod handler, Set<String> directPaths, boolean several) {

        boolean in(List<Mapped> found) {
            for (Mapped other : found) {
                if (other == this) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Tree {

        private final Map<String, Tree> children = new HashMap<>();
        private final List<Mapped> here = new ArrayList<>();

        void add(Mapped mapped, List<List<String>> prefixes) {
            for (List<String> prefix : prefixes) {
                Tree node = this;
                for (String segment : prefix) {
                    node = node.children.computeIfAbsent(segment, key -> new Tree());
                }
                if (!mapped.in(node.here)) {
                    node.here.add(mapped);
                }
            }
        }

        List<Mapped> candidates(List<String> segments) {
            List<Mapped> found = new ArrayList<>(here);
            Tree node = this;
            for (String segment : segments) {
                node = node.children.get(segment);
                if (node == null) {
                    break;
                }
                for (Mapped mapped : node.here) {
                    if (!mapped.several() || !mapped.in(found)) {
                        found.add(mapped);
                    }
                }
            }
            return found;
        }
    }
}

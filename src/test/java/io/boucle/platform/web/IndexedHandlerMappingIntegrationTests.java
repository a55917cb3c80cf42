package io.boucle.platform.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.boucle.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.condition.ProducesRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The indexed lookup finds, for any request, what Spring MVC's scan of every mapping finds. */
@IntegrationTest
class IndexedHandlerMappingIntegrationTests {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyMappedAddressAndMethodFindsTheHandlerTheFullScanFinds() throws Exception {
        assertThat(mapping).isInstanceOf(IndexedHandlerMapping.class);
        IndexedHandlerMapping indexed = (IndexedHandlerMapping) mapping;
        List<String> compared = new ArrayList<>();
        for (RequestMappingInfo info : indexed.getHandlerMethods().keySet()) {
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                for (String method : methods(info)) {
                    String path = sample(pattern.getPatternString());
                    for (String variant : List.of(path, path + "/x", path + "/")) {
                        Object found = compare(indexed, method, variant, info);
                        compared.add(method + " " + variant);
                        if (variant.equals(path) && indexed.getHandlerMethods().get(info).equals(found)) {
                            MockHttpServletRequest request = request(method, path, info);
                            assertThat(indexed.lookUpThroughIndex(lookupPath(request), request))
                                    .as("found through the index: " + method + " " + path).isEqualTo(found);
                        }
                    }
                }
            }
        }
        assertThat(compared).as("mapped addresses compared").hasSizeGreaterThan(250);
    }

    @Test
    void addressesNothingMapsAndWrongMethodsAnswerAsTheFullScanDoes() throws Exception {
        IndexedHandlerMapping indexed = (IndexedHandlerMapping) mapping;
        for (String path : List.of("/", "/nothing-here", "/api/v1/nothing/1", "/api/v1/carts/1/nothing", "/p/", "/admin/unknown/1",
                "/api/v1/carts/%63heckout", "/API/v1/carts", "/api/v1/carts;x=1/1")) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                compare(indexed, method, path, null);
            }
        }
    }

    private static Object compare(IndexedHandlerMapping indexed, String method, String path, RequestMappingInfo info) throws Exception {
        MockHttpServletRequest first = request(method, path, info);
        Object viaIndex = outcome(() -> indexed.lookupHandlerMethod(lookupPath(first), first));
        MockHttpServletRequest second = request(method, path, info);
        Object byScan = outcome(() -> indexed.lookUpByScanningAll(lookupPath(second), second));
        assertThat(viaIndex).as(method + " " + path).isEqualTo(byScan);
        assertThat(told(first)).as("what the match tells the request").containsExactlyInAnyOrderElementsOf(told(second));
        for (String told : List.of(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
                HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE)) {
            assertThat(first.getAttribute(told)).as(told + " for " + method + " " + path).isEqualTo(second.getAttribute(told));
        }
        return viaIndex;
    }

    /** The request's attributes, less the Accept header parsed once and kept by whichever mapping read it first. */
    private static List<String> told(MockHttpServletRequest request) {
        return Collections.list(request.getAttributeNames()).stream()
                .filter(name -> !name.startsWith(ProducesRequestCondition.class.getName())).toList();
    }

    /** The path within the application, as the mapping reads it with its path pattern parser. */
    private static String lookupPath(MockHttpServletRequest request) {
        return ServletRequestPathUtils.parseAndCache(request).pathWithinApplication().value();
    }

    private interface Lookup {
        HandlerMethod find() throws Exception;
    }

    /** The handler found, or the kind of error the lookup answered with. */
    private static Object outcome(Lookup lookup) {
        try {
            return lookup.find();
        } catch (Exception e) {
            return e.getClass();
        }
    }

    private static MockHttpServletRequest request(String method, String path, RequestMappingInfo info) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (info != null) {
            Set<MediaType> consumes = info.getConsumesCondition().getConsumableMediaTypes();
            consumes.stream().filter(type -> !type.isWildcardType() && !type.isWildcardSubtype()).findFirst()
                    .ifPresent(type -> request.setContentType(type.toString()));
            Set<MediaType> produces = info.getProducesCondition().getProducibleMediaTypes();
            produces.stream().filter(type -> !type.isWildcardType() && !type.isWildcardSubtype()).findFirst()
                    .ifPresent(type -> request.addHeader(HttpHeaders.ACCEPT, type.toString()));
        }
        return request;
    }

    private static List<String> methods(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        return methods.isEmpty() ? List.of("GET", "POST") : methods.stream().map(RequestMethod::name).toList();
    }

    /** An address the pattern matches: each variable given a value, wildcards a segment or two. */
    private static String sample(String pattern) {
        String path = pattern.replaceAll("\\{\\*[^}]+}", "a/b").replace("**", "a/b").replaceAll("\\{[^}]+}", "v1x").replace("*", "a")
                .replace("?", "q");
        return path.isEmpty() ? "/" : path;
    }
}

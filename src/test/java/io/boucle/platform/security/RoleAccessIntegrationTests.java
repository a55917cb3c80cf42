package io.boucle.platform.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boucle.staff.Role;
import io.boucle.staff.StaffAccount;
import io.boucle.staff.StaffAccounts;
import io.boucle.test.Http;
import io.boucle.test.IntegrationTest;
import io.boucle.test.StaffLogins;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every back-office page and admin API endpoint, as Spring maps them (so a new one is covered
 * without touching this test), for every role: the roles it declares are the ones the shop's
 * access policy gives that module, a role outside them gets 403 whatever the method, and a role
 * inside them is not refused on reading.
 */
@IntegrationTest
class RoleAccessIntegrationTests {

    private static final Pattern ROLES = Pattern.compile("hasRole\\('([A-Z]+)'\\)|hasAnyRole\\(((?:'[A-Z]+'(?:,\\s*)?)+)\\)");
    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> OWNER = EnumSet.of(Role.OWNER);
    private static final Set<Role> OWNER_MANAGER = EnumSet.of(Role.OWNER, Role.MANAGER);
    private static final Set<Role> OWNER_MANAGER_SUPPORT = EnumSet.of(Role.OWNER, Role.MANAGER, Role.SUPPORT);
    private static final Set<Role> OWNER_MANAGER_ACCOUNTANT = EnumSet.of(Role.OWNER, Role.MANAGER, Role.ACCOUNTANT);
    private static final Set<Role> OWNER_ACCOUNTANT = EnumSet.of(Role.OWNER, Role.ACCOUNTANT);

    /**
     * The access policy, written independently of the code (README, "Staff login"): for a path
     * prefix, who may read (GET) and who may change (any other method). The longest prefix wins.
     */
    private static final Map<String, Set<Role>[]> POLICY = new LinkedHashMap<>();

    @SafeVarargs
    private static void policy(String prefix, Set<Role>... readAndWrite) {
        POLICY.put(prefix, readAndWrite.length == 1 ? new Set[] { readAndWrite[0], readAndWrite[0] } : readAndWrite);
    }

    static {
        policy("/admin", ALL);
        policy("/admin/account", ALL);
        policy("/admin/account/two-factor/required", OWNER);
        policy("/admin/search", ALL);
        policy("/admin/orders", ALL, OWNER_MANAGER);
        policy("/admin/orders/{number}/packing-slip.pdf", OWNER_MANAGER);
        // whether the shop told the customer of the right of withdrawal: recorded by those who handle returns
        policy("/admin/orders/{number}/withdrawal-information", ALL, OWNER_MANAGER_SUPPORT);
        policy("/admin/shipments", OWNER_MANAGER);
        policy("/admin/returns", ALL, OWNER_MANAGER_SUPPORT);
        policy("/admin/customers", OWNER_MANAGER_SUPPORT);
        policy("/admin/customers/{id}/erase", OWNER);
        policy("/admin/stock", OWNER_MANAGER);
        policy("/admin/locations", OWNER_MANAGER);
        policy("/admin/products", OWNER_MANAGER);
        policy("/admin/catalog", OWNER_MANAGER);
        policy("/admin/categories", OWNER_MANAGER);
        policy("/admin/brands", OWNER_MANAGER);
        policy("/admin/promotions", OWNER_MANAGER);
        policy("/admin/delivery-methods", OWNER_MANAGER);
        policy("/admin/invoices", OWNER_ACCOUNTANT);
        policy("/admin/reports", OWNER_ACCOUNTANT);
        policy("/admin/settings/merchant", OWNER_ACCOUNTANT, OWNER);
        policy("/admin/settings/exchange-rates", OWNER_ACCOUNTANT);
        policy("/admin/reviews", OWNER_MANAGER_SUPPORT);
        policy("/admin/questions", OWNER_MANAGER_SUPPORT);
        policy("/admin/messages", OWNER_MANAGER_SUPPORT);
        policy("/admin/buybacks", OWNER_MANAGER);
        // the dealers' register and the purchase slips are the accountant's too; paying sellers is theirs and the owner's
        policy("/admin/buybacks/register", OWNER_MANAGER_ACCOUNTANT);
        policy("/admin/buybacks/register.csv", OWNER_MANAGER_ACCOUNTANT);
        policy("/admin/buybacks/{reference}/slip.pdf", OWNER_MANAGER_ACCOUNTANT);
        policy("/admin/buybacks/transfers", OWNER_ACCOUNTANT);
        policy("/admin/buybacks/{reference}/transfer-made", OWNER_ACCOUNTANT);
        policy("/admin/kpis", OWNER_MANAGER_ACCOUNTANT, OWNER_MANAGER);
        policy("/admin/kpis.csv", OWNER_MANAGER_ACCOUNTANT);
        policy("/admin/audit", OWNER);
        policy("/api/v1/admin/me", ALL);
        policy("/api/v1/admin/orders", ALL, OWNER_MANAGER);
        policy("/api/v1/admin/orders/{number}/withdrawal-information", ALL, OWNER_MANAGER_SUPPORT);
        policy("/api/v1/admin/shipments", OWNER_MANAGER);
        policy("/api/v1/admin/returns", ALL, OWNER_MANAGER_SUPPORT);
        policy("/api/v1/admin/products", OWNER_MANAGER);
        policy("/api/v1/admin/inventory", OWNER_MANAGER);
        policy("/api/v1/admin/promotions", OWNER_MANAGER);
        policy("/api/v1/admin/delivery-methods", OWNER_MANAGER);
        policy("/api/v1/admin/invoices", OWNER_ACCOUNTANT);
        policy("/api/v1/admin/reports", OWNER_ACCOUNTANT);
        policy("/api/v1/admin/settings/merchant", OWNER_ACCOUNTANT, OWNER);
        policy("/api/v1/admin/exchange-rates", OWNER_ACCOUNTANT);
        policy("/api/v1/admin/kpis", OWNER_MANAGER_ACCOUNTANT);
        policy("/api/v1/admin/audit", OWNER);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    StaffAccounts accounts;

    record Endpoint(RequestMethod method, String pattern, HandlerMethod handler, Set<Role> declared) {

        boolean api() {
            return pattern.startsWith("/api/");
        }

        @Override
        public String toString() {
            return method + " " + pattern + " (" + handler.getBeanType().getSimpleName() + "." + handler.getMethod().getName() + ")";
        }
    }

    @Test
    void everyStaffEndpointDeclaresTheRolesOfTheAccessPolicy() {
        List<Endpoint> endpoints = staffEndpoints();
        assertThat(endpoints).as("back-office pages and admin API endpoints found").hasSizeGreaterThan(100);
        List<String> holes = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Set<Role> expected = expected(endpoint);
            if (endpoint.declared() == null) {
                holes.add(endpoint + ": no @PreAuthorize, so open to every staff role");
            } else if (expected == null) {
                holes.add(endpoint + ": in no module of the access policy");
            } else if (!expected.equals(endpoint.declared())) {
                holes.add(endpoint + ": declares " + endpoint.declared() + ", the policy says " + expected);
            }
        }
        assertThat(holes).isEmpty();
    }

    @Test
    void eachRoleGets403OnEveryPageAndEndpointOfAModuleItMayNotSeeAndIsLetInElsewhere() {
        List<Endpoint> endpoints = staffEndpoints();
        Map<Role, Http> sessions = new EnumMap<>(Role.class);
        Map<Role, String> csrf = new EnumMap<>(Role.class);
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        StaffLogins logins = new StaffLogins(accounts, port);
        for (Role role : Role.values()) {
            Http http = new Http(port);
            StaffAccount account = logins.signIn(http, role);
            sessions.put(role, http);
            csrf.put(role, Http.csrfToken(http.get("/admin/account").body()));
            tokens.put(role, "Bearer " + accounts.issueApiToken(account.id(), "access tests").token());
        }
        List<String> wrong = new ArrayList<>();
        int denials = 0;
        for (Endpoint endpoint : endpoints) {
            for (Role role : Role.values()) {
                boolean allowed = endpoint.declared() != null && endpoint.declared().contains(role);
                if (allowed && endpoint.method() != RequestMethod.GET) {
                    continue; // changing things for real is the modules' own tests' business
                }
                Http http = sessions.get(role);
                HttpResponse<String> answer = http.send(request(http, endpoint, csrf.get(role), tokens.get(role)));
                if (!allowed) {
                    denials++;
                    if (answer.statusCode() != 403) {
                        wrong.add(role + " " + endpoint + " answered " + answer.statusCode() + " instead of 403");
                    }
                } else if (answer.statusCode() == 403 || answer.statusCode() == 401 || answer.statusCode() >= 500) {
                    wrong.add(role + " " + endpoint + " answered " + answer.statusCode());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(denials).as("refusals checked").isGreaterThan(100);
    }

    private HttpRequest request(Http http, Endpoint endpoint, String csrf, String token) {
        String path = expand(endpoint);
        String query = requiredParameters(endpoint);
        boolean body = endpoint.method() != RequestMethod.GET && endpoint.method() != RequestMethod.DELETE;
        if (endpoint.api()) {
            HttpRequest.Builder request = http.request(path + (query.isEmpty() ? "" : "?" + query)).header("Authorization", token)
                    .header("Accept", "application/json");
            return (body ? request.header("Content-Type", "application/json")
                    .method(endpoint.method().name(), HttpRequest.BodyPublishers.ofString("{}"))
                    : request.method(endpoint.method().name(), HttpRequest.BodyPublishers.noBody())).build();
        }
        if (!body) {
            return http.request(path + (query.isEmpty() ? "" : "?" + query)).method(endpoint.method().name(),
                    HttpRequest.BodyPublishers.noBody()).header("X-XSRF-TOKEN", csrf).build();
        }
        String form = Http.form("_csrf", csrf) + (query.isEmpty() ? "" : "&" + query);
        return http.request(path).header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
                .method(endpoint.method().name(), HttpRequest.BodyPublishers.ofString(form)).build();
    }

    /** The pattern with each path variable given a value of its type. */
    private static String expand(Endpoint endpoint) {
        Map<String, String> values = new LinkedHashMap<>();
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
            if (variable != null) {
                String name = !variable.value().isEmpty() ? variable.value() : !variable.name().isEmpty() ? variable.name()
                        : parameter.getParameterName();
                values.put(name, sample(parameter.getParameterType()));
            }
        }
        Matcher matcher = Pattern.compile("\\{\\*?([A-Za-z0-9_]+)(?::[^}]*)?}").matcher(endpoint.pattern());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), UUID.randomUUID().toString())));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /** A value for each required request parameter without a default, so that binding does not answer first. */
    private static String requiredParameters(Endpoint endpoint) {
        List<String> pairs = new ArrayList<>();
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null && param.required() && ValueConstants.DEFAULT_NONE.equals(param.defaultValue())
                    && !org.springframework.web.multipart.MultipartFile.class.isAssignableFrom(parameter.getParameterType())
                    && !Map.class.isAssignableFrom(parameter.getParameterType())) {
                String name = !param.value().isEmpty() ? param.value() : !param.name().isEmpty() ? param.name() : parameter.getParameterName();
                pairs.add(Http.form(name, sample(parameter.getParameterType())));
            }
        }
        return String.join("&", pairs);
    }

    private static String sample(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "1";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "false";
        }
        if (type == LocalDate.class) {
            return "2026-01-01";
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0].toString();
        }
        return UUID.randomUUID().toString();
    }

    private List<Endpoint> staffEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!(pattern.equals("/admin") || pattern.startsWith("/admin/") || pattern.startsWith("/api/v1/admin"))
                        || pattern.startsWith("/admin/login") || pattern.equals("/admin/logout")) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(new Endpoint(method, pattern, entry.getValue(), declared(entry.getValue())));
                }
            }
        }
        endpoints.sort(java.util.Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        return endpoints;
    }

    /** The roles of the handler's own {@code @PreAuthorize}, else its class's; null when neither has one. */
    static Set<Role> declared(HandlerMethod handler) {
        PreAuthorize annotation = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        if (annotation == null) {
            return null;
        }
        Matcher matcher = ROLES.matcher(annotation.value().strip());
        assertThat(matcher.matches()).as("a role expression this test reads: " + annotation.value()).isTrue();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String list = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        for (String name : list.replace("'", "").split(",\\s*")) {
            roles.add(Role.valueOf(name));
        }
        return roles;
    }

    /** The policy's roles for the endpoint: its longest matching prefix, reading or changing. */
    private static Set<Role> expected(Endpoint endpoint) {
        String best = null;
        for (String prefix : POLICY.keySet()) {
            if (covers(prefix, endpoint.pattern()) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : POLICY.get(best)[endpoint.method() == RequestMethod.GET ? 0 : 1];
    }

    private static boolean covers(String prefix, String pattern) {
        String regex = Pattern.quote(prefix).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
        return pattern.matches(regex + "(/.*)?");
    }
}

package io.boucle.backoffice;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.boucle.catalog.Catalog;
import io.boucle.customer.Customers;
import io.boucle.invoicing.Invoicing;
import io.boucle.order.OrderFilter;
import io.boucle.order.Orders;
import io.boucle.staff.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One search box for the whole back office: orders by number or email, customers by email or name,
 * products by title or SKU, invoices by number. Each kind is searched only for the roles whose
 * pages show it, so the results never tell a staff member more than their menu does.
 */
@Controller
class SearchPages {

    static final int RESULTS = 10;
    static final int MAX_QUERY = 200;

    private final Orders orders;
    private final Customers customers;
    private final Catalog catalog;
    private final Invoicing invoicing;

    SearchPages(Orders orders, Customers customers, Catalog catalog, Invoicing invoicing) {
        this.orders = orders;
        this.customers = customers;
        this.catalog = catalog;
        this.invoicing = invoicing;
    }

    @GetMapping("/admin/search")
    @PreAuthorize("hasAnyRole('OWNER', 'MANAGER', 'SUPPORT', 'ACCOUNTANT')")
    String search(@RequestParam(defaultValue = "") String q, Authentication staff, Model model) {
        String query = q.strip();
        if (query.length() > MAX_QUERY) {
            query = query.substring(0, MAX_QUERY);
        }
        Set<Role> roles = staff.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .flatMap(authority -> java.util.Arrays.stream(Role.values()).filter(role -> role.authority().equals(authority)))
                .collect(Collectors.toSet());
        model.addAttribute("searchQuery", query);
        model.addAttribute("q", query);
        if (query.isEmpty()) {
            return "backoffice/search";
        }
        // Every role reads orders (see OrderPages).
        model.addAttribute("orders", orders.search(new OrderFilter(null, null, null, query), 0, RESULTS));
        if (anyOf(roles, Role.OWNER, Role.MANAGER, Role.SUPPORT)) {
            model.addAttribute("customers", customers.search(query, 0, RESULTS));
        }
        if (anyOf(roles, Role.OWNER, Role.MANAGER)) {
            model.addAttribute("products", catalog.staffList(query, 0, RESULTS));
        }
        if (anyOf(roles, Role.OWNER, Role.ACCOUNTANT)) {
            model.addAttribute("invoices", invoicing.search(query, Optional.empty(), 0, RESULTS));
        }
        return "backoffice/search";
    }

    private static boolean anyOf(Set<Role> roles, Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}

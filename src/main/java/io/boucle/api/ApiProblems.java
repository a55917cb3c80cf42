package io.boucle.api;

import java.util.List;

import io.boucle.platform.web.ProblemResponses;
import io.boucle.platform.web.RequestBodyTooLarge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as {@code application/problem+json}: validation errors list each field,
 * bad input is a 4xx with a message a developer can act on, and an unexpected failure is a 500
 * that reveals nothing of the inside.
 */
@RestControllerAdvice(basePackages = "io.boucle.api")
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** The problem type of a checkout whose confirmed total is no longer the cart's. */
    static final java.net.URI PRICES_CHANGED = java.net.URI.create("urn:boucle:problem:prices-changed");

    record FieldError(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "The request has invalid fields.", request);
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        problem.setProperty("errors", errors);
        return json(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (RequestBodyTooLarge.causedBy(e)) {
            return json(problem(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.", request));
        }
        return json(problem(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this endpoint.", request));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            HttpStatus resolved = HttpStatus.resolve(problem.getStatus());
            if (resolved != null) {
                ProblemDetail normalised = problem(resolved, problem.getDetail(), request);
                return ResponseEntity.status(resolved).headers(response.getHeaders())
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(normalised);
            }
        }
        return response;
    }

    /** One field was wrong: named like a validation error. */
    @ExceptionHandler(io.boucle.shared.InvalidField.class)
    ResponseEntity<Object> invalidField(io.boucle.shared.InvalidField e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
        problem.setProperty("errors", List.of(new FieldError(e.field(), e.reason())));
        return json(problem);
    }

    /** A product refused by the catalog's checks: every field at fault, as the back-office forms show them. */
    @ExceptionHandler(io.boucle.catalog.InvalidProduct.class)
    ResponseEntity<Object> invalidProduct(io.boucle.catalog.InvalidProduct e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
        problem.setProperty("errors", e.problems().stream().map(p -> new FieldError(p.field(), p.message())).toList());
        return json(problem);
    }

    @ExceptionHandler(io.boucle.shared.NotFound.class)
    ResponseEntity<Object> notFound(io.boucle.shared.NotFound e, WebRequest request) {
        return json(problem(HttpStatus.NOT_FOUND, e.getMessage(), request));
    }

    @ExceptionHandler(io.boucle.shared.Gone.class)
    ResponseEntity<Object> gone(io.boucle.shared.Gone e, WebRequest request) {
        return json(problem(HttpStatus.GONE, e.getMessage(), request));
    }

    /** Not enough stock: the SKU and what is left, so a client can offer the rest. */
    @ExceptionHandler(io.boucle.inventory.OutOfStock.class)
    ResponseEntity<Object> outOfStock(io.boucle.inventory.OutOfStock e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage(), request);
        problem.setProperty("sku", e.sku());
        problem.setProperty("available", e.available());
        return json(problem);
    }

    @ExceptionHandler(io.boucle.checkout.CheckoutBlocked.class)
    ResponseEntity<Object> checkoutBlocked(io.boucle.checkout.CheckoutBlocked e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage(), request);
        problem.setProperty("problems", e.problems());
        return json(problem);
    }

    /** The cart no longer costs the total the client confirmed: the new total, to show and confirm again. */
    @ExceptionHandler(io.boucle.checkout.PricesChanged.class)
    ResponseEntity<Object> pricesChanged(io.boucle.checkout.PricesChanged e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage(), request);
        problem.setType(PRICES_CHANGED);
        problem.setTitle("Prices changed");
        problem.setProperty("expectedTotal", ApiMoney.of(e.confirmed()));
        problem.setProperty("total", ApiMoney.of(e.total()));
        problem.setProperty("currency", e.total().currency().getCurrencyCode());
        return json(problem);
    }

    @ExceptionHandler(io.boucle.checkout.IdempotencyKeyReused.class)
    ResponseEntity<Object> keyReused(io.boucle.checkout.IdempotencyKeyReused e, WebRequest request) {
        return json(problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), request));
    }

    /** The order has shipped, or is already cancelled: its status says which. */
    @ExceptionHandler(io.boucle.order.OrderNotCancellable.class)
    ResponseEntity<Object> notCancellable(io.boucle.order.OrderNotCancellable e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, e.getMessage(), request);
        problem.setProperty("orderStatus", e.status().name());
        return json(problem);
    }

    /** Domain checks ({@code IllegalArgumentException}) mean the input was wrong. */
    /** A withdrawal, return or refund the rules refuse: 409 (too late, already refunded) or 422, and its reason. */
    @ExceptionHandler(io.boucle.returns.ReturnRefused.class)
    ResponseEntity<Object> returnRefused(io.boucle.returns.ReturnRefused e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.valueOf(e.reason().httpStatus()), e.getMessage(), request);
        problem.setProperty("reason", e.reason().name());
        if (e.reason().httpStatus() == 422) {
            problem.setProperty("errors", List.of(new FieldError("lines", e.getMessage())));
        }
        return json(problem);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> invalid(IllegalArgumentException e, WebRequest request) {
        return json(problem(HttpStatus.BAD_REQUEST, e.getMessage(), request));
    }

    /** A state that forbids the operation, e.g. refunding twice. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Object> conflict(IllegalStateException e, WebRequest request) {
        return json(problem(HttpStatus.CONFLICT, e.getMessage(), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) throws Exception {
        if (e instanceof org.springframework.security.access.AccessDeniedException
                || e instanceof org.springframework.security.core.AuthenticationException) {
            throw e;
        }
        log.error("Unexpected error on {}", request.getDescription(false), e);
        return json(problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.", request));
    }

    private static ProblemDetail problem(HttpStatus status, String detail, WebRequest request) {
        String path = request instanceof org.springframework.web.context.request.ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI() : null;
        return ProblemResponses.problem(status, detail, path);
    }

    private static ResponseEntity<Object> json(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

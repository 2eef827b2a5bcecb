package io.ledger.api.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ledger.core.error.BatchItemRefusedException;
import io.ledger.core.error.LedgerErrorCode;
import io.ledger.core.error.LedgerException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import io.ledger.api.reconciliation.ReconciliationFailedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.lang.Nullable;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.io.IOException;
import java.net.URI;
import java.util.stream.Collectors;

/**
 * Turns every refusal into RFC 9457 {@code application/problem+json} with a stable {@code code}. This is the one
 * place where error codes meet HTTP statuses. Details shown to clients are written here or by the domain, never
 * copied from a framework exception, so no class name or stack detail leaks.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String TYPE_PREFIX = "urn:ledger:problem:";
    /** For problems written by filters; ProblemDetail's properties are flattened by Spring's Jackson mixin. */
    private static final ObjectMapper FILTER_JSON = new ObjectMapper()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<Object> refusal(LedgerException refusal) {
        HttpStatus status = statusOf(refusal.code());
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (isRetryable(refusal.code())) {
            builder.header(HttpHeaders.RETRY_AFTER, "1");
        }
        ProblemDetail problem = problem(status, refusal.code(), refusal.getMessage());
        if (refusal instanceof BatchItemRefusedException itemRefusal) {
            problem.setProperty("itemIndex", itemRefusal.itemIndex());
        }
        if (refusal instanceof ReconciliationFailedException failed) {
            problem.setProperty("skippedEvents", failed.skippedEvents());
        }
        return builder.body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception failure) {
        if (noConnectionInTime(failure)) {
            LOG.warn("No database connection within the pool's timeout: {}", failure.toString());
            return refusal(new LedgerException(LedgerErrorCode.STORE_BUSY, "Every database connection of the "
                    + "ledger stayed busy too long; nothing was done. Retry the request (with the same id)."));
        }
        LOG.error("Unexpected failure while handling a request", failure);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, LedgerErrorCode.INTERNAL_ERROR,
                        "The ledger could not complete the request. If it was a write, repeating it with the same id "
                                + "is safe."));
    }

    /** Framework-level refusals (unreadable body, wrong method or media type, unknown path) get the same shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, @Nullable Object body,
                                                             HttpHeaders headers, HttpStatusCode statusCode,
                                                             WebRequest request) {
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        String detail = failure instanceof HttpMessageNotReadableException unreadable
                ? describeUnreadable(unreadable)
                : status.getReasonPhrase() + ".";
        if (RequestSizeLimit.causedBy(failure)) {
            status = HttpStatus.PAYLOAD_TOO_LARGE;
            detail = RequestSizeLimit.DETAIL;
        }
        LedgerErrorCode code = codeOf(status);
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.addAll(headers);
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem(status, code, detail), answerHeaders, status);
    }

    /** Nothing was written and the same request may simply be sent again: 503 with {@code Retry-After}. */
    private static boolean isRetryable(LedgerErrorCode code) {
        return code == LedgerErrorCode.CONTENTION || code == LedgerErrorCode.TRANSACTION_TIMEOUT
                || code == LedgerErrorCode.STORE_BUSY;
    }

    /**
     * The connection pool gave no connection within its timeout: the transaction (of a command, at its start) or
     * the read never began, so nothing happened. Under a burst of long atomic batches that hold their connections
     * while they wait for each other's account locks, this is load, not a bug.
     */
    static boolean noConnectionInTime(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    static HttpStatus statusOf(LedgerErrorCode code) {
        return switch (code.kind()) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case REFUSED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case PROTOCOL -> switch (code) {
                case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
                case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
                case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
                case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
                case ACCESS_DENIED -> HttpStatus.FORBIDDEN;
                case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
                default -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            };
            case UNAVAILABLE -> isRetryable(code) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    private static LedgerErrorCode codeOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> LedgerErrorCode.MALFORMED_REQUEST;
            case NOT_FOUND -> LedgerErrorCode.RESOURCE_NOT_FOUND;
            case METHOD_NOT_ALLOWED -> LedgerErrorCode.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> LedgerErrorCode.NOT_ACCEPTABLE;
            case UNSUPPORTED_MEDIA_TYPE -> LedgerErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case PAYLOAD_TOO_LARGE -> LedgerErrorCode.PAYLOAD_TOO_LARGE;
            default -> LedgerErrorCode.INTERNAL_ERROR;
        };
    }

    /**
     * Writes a problem straight to the response, for refusals made by servlet filters (authentication, rate
     * limits, request ids) before any controller runs. Same shape and codes as {@link #refusal}.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, LedgerErrorCode code,
                             String detail) throws IOException {
        HttpStatus status = statusOf(code);
        ProblemDetail problem = problem(status, code, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        FILTER_JSON.writeValue(response.getOutputStream(), problem);
    }

    private static ProblemDetail problem(HttpStatus status, LedgerErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code.name().toLowerCase().replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code.name());
        return problem;
    }

    /** Says what is wrong with an unreadable body in the client's terms: a property name, never a Java type. */
    private static String describeUnreadable(HttpMessageNotReadableException unreadable) {
        Throwable cause = unreadable.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown property '" + unknown.getPropertyName() + "'.";
        }
        if (cause instanceof JsonParseException) {
            return "The request body is not valid JSON (or repeats a property).";
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            String path = pathOf((JsonMappingException) cause);
            if (path.isEmpty()) {
                return "The request body is empty, truncated, or not a JSON object of the expected shape.";
            }
            return "Property '" + path + "' is not valid: ids, amounts, currencies and instants are JSON strings "
                    + "(instants in ISO 8601 with an offset), counts are whole numbers.";
        }
        return "The request body is not valid JSON of the expected shape.";
    }

    private static String pathOf(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName() : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
    }
}

package io.dtm.client.web;

import java.util.ArrayList;
import java.util.List;

import io.dtm.client.DtmRequestException;
import io.dtm.client.barrier.BranchBarrier;
import io.dtm.client.barrier.JdbcBarrier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a {@link BranchBarrier} controller parameter from the branch call's query
 * parameters ({@code gid}, {@code trans_type}, {@code branch_id}, {@code op}) and binds
 * it to the application's {@link JdbcBarrier} when there is one. A request without them
 * is answered 400 {@code {"message":"not a dtm branch call: missing query parameters
 * 'gid', 'op' …"}} by {@link DtmExceptionHandler}.
 */
public class BranchBarrierArgumentResolver implements HandlerMethodArgumentResolver {

	private static final String[] REQUIRED = { "gid", "trans_type", "branch_id", "op" };

	private final ObjectProvider<JdbcBarrier> jdbcBarrier;

	/**
	 * Create a resolver.
	 * @param jdbcBarrier the application's JDBC barrier, if any
	 */
	public BranchBarrierArgumentResolver(ObjectProvider<JdbcBarrier> jdbcBarrier) {
		this.jdbcBarrier = jdbcBarrier;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return BranchBarrier.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws Exception {
		List<String> missing = new ArrayList<>();
		for (String name : REQUIRED) {
			String value = webRequest.getParameter(name);
			if (value == null || value.isEmpty()) {
				missing.add("'" + name + "'");
			}
		}
		if (!missing.isEmpty()) {
			throw new DtmRequestException(webRequest.getParameter("gid"),
					"not a dtm branch call: missing query parameter" + ((missing.size() > 1) ? "s " : " ")
							+ String.join(", ", missing) + " (a branch URL is called by the coordinator with gid, "
							+ "trans_type, branch_id and op)");
		}
		return BranchBarrier.fromParameters(webRequest.getParameterMap(), this.jdbcBarrier.getIfUnique());
	}

}

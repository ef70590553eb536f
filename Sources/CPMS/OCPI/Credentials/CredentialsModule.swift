import Hummingbird
import OCPI

/// The credentials module (OCPI 2.2.1, mandatory): GET cpms's credentials, POST to register, PUT to update,
/// DELETE to unregister. Token A reaches it too.
struct CredentialsModule: OCPIModule {
    let registration: OCPIRegistration

    var identifier: ModuleID { .credentials }
    var role: InterfaceRole { .sender }
    var admission: OCPIAdmission { .registrationToo }

    func addRoutes(to group: RouterGroup<OCPIRequestContext>) {
        group.get { _, context in
            let authentication = try authentication(context)
            return try OCPIReply.success(registration.ownCredentials(token: authentication.token), context: context)
        }
        group.post { request, context in
            let credentials = try await OCPIBody.decode(Credentials.self, from: request)
            let answer = try await registration.acceptRegistration(try authentication(context), credentials: credentials)
            return try OCPIReply.success(answer, context: context)
        }
        group.put { request, context in
            let credentials = try await OCPIBody.decode(Credentials.self, from: request)
            let answer = try await registration.acceptUpdate(try authentication(context), credentials: credentials)
            return try OCPIReply.success(answer, context: context)
        }
        group.delete { _, context in
            try await registration.acceptUnregistration(try authentication(context))
            return try OCPIReply.success(context: context)
        }
    }

    func authentication(_ context: OCPIRequestContext) throws(OCPIError) -> OCPIAuthentication {
        guard let authentication = context.authentication else { throw OCPIError.unauthorized("no OCPI token") }
        return authentication
    }
}

package org.staypuft.webhooks;

import org.staypuft.testsupport.StaypuftTokens;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Requests as operators send them: with a bearer JWT signed by test-support's key pair ({@link StaypuftTokens}). */
final class Operators {

    private Operators() {
    }

    static RequestSpecification asOperator() {
        return given().auth().oauth2(StaypuftTokens.operator("test-operator"));
    }

    static RequestSpecification asViewer() {
        return given().auth().oauth2(StaypuftTokens.viewer("test-viewer"));
    }
}
